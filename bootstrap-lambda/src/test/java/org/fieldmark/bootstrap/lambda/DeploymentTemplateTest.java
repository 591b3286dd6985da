package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** deploy/template.yaml deploys what this module builds, with the settings the code reads and no more rights than it needs. */
class DeploymentTemplateTest {

    static final Path TEMPLATE = Path.of("..", "deploy", "template.yaml");
    static final Path NOTES = Path.of("..", "docs", "aws.md");

    private static Map<String, Object> template;
    private static Map<String, Object> function;

    @BeforeAll
    static void parse() throws IOException {
        // A safe constructor refuses unknown tags: short forms such as !Ref would fail here.
        template = map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(TEMPLATE, StandardCharsets.UTF_8)));
        function = map(map(map(template.get("Resources")).get("IdentifyFunction")).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    @Test
    void namesAHandlerClassThatLambdaCanConstruct() throws Exception {
        String handler = (String) function.get("Handler");
        String className = handler.substring(0, handler.indexOf("::"));
        String method = handler.substring(handler.indexOf("::") + 2);

        Class<?> type = Class.forName(className);
        assertThat(RequestHandler.class).isAssignableFrom(type);
        assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
        assertThat(type.getMethods()).anySatisfy(m -> assertThat(m.getName()).isEqualTo(method));
        assertThat(function.get("Runtime")).isEqualTo("java17");
        assertThat((String) function.get("CodeUri")).isEqualTo("../bootstrap-lambda/target/fieldmark-lambda.jar");
        assertThat(map(function.get("SnapStart"))).containsEntry("ApplyOn", "PublishedVersions");
    }

    @Test
    void setsOnlyVariablesTheCodeReadsAndDocumentsTheOthers() throws IOException {
        Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));
        Set<String> set = new TreeSet<>(variables.keySet());
        set.remove("JAVA_TOOL_OPTIONS");
        String notes = Files.readString(NOTES, StandardCharsets.UTF_8);

        assertThat(LambdaEnvironment.VARIABLES).containsAll(set);
        assertThat(set).contains("SAGEMAKER_ENDPOINT_NAME", "SNS_TOPIC_ARN");
        for (String name : LambdaEnvironment.VARIABLES) {
            assertThat(set.contains(name) || notes.contains("`" + name + "`"))
                    .as("%s is neither set in the template nor documented in docs/aws.md", name).isTrue();
        }
    }

    @Test
    void grantsNoWildcardResourcesAndNoWildcardActions() {
        List<Object> statements = new ArrayList<>();
        for (Object policy : list(function.get("Policies"))) {
            statements.addAll(list(map(policy).get("Statement")));
        }
        assertThat(statements).hasSize(6);
        for (Object statement : statements) {
            Map<String, Object> s = map(statement);
            assertThat(s.get("Effect")).isEqualTo("Allow");
            for (Object action : list(s.get("Action"))) {
                assertThat((String) action).doesNotContain("*");
            }
            Object resource = s.get("Resource");
            assertThat(resource).as("a statement's resource is one ARN expression").isInstanceOf(Map.class);
            String text = resource.toString();
            assertThat(text).doesNotContain(":*", "::*", "/*/");
            if (text.contains("*")) {
                // The only wildcards allowed: the objects under the trigger's and the bird log's key prefix.
                assertThat(map(resource).get("Fn::Sub")).isIn(
                        "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos/${KeyPrefix}*",
                        "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos/${SightingsPrefix}*");
            }
        }
    }

    @Test
    void triggersOnTheKeysTheFunctionIdentifiesByDefault() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, Object> event = map(map(map(function.get("Events")).get("PhotoUploaded")).get("Properties"));
        List<Object> rules = list(map(map(event.get("Filter")).get("S3Key")).get("Rules"));
        Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));

        assertThat(map(parameters.get("KeyPrefix")).get("Default")).isEqualTo(LambdaEnvironment.DEFAULT_KEY_PREFIX);
        assertThat(map(parameters.get("KeySuffix")).get("Default")).isEqualTo(LambdaEnvironment.DEFAULT_KEY_SUFFIX);
        assertThat(rules).containsExactly(
                Map.of("Name", "prefix", "Value", Map.of("Ref", "KeyPrefix")),
                Map.of("Name", "suffix", "Value", Map.of("Ref", "KeySuffix")));
        assertThat(variables).containsEntry("S3_KEY_PREFIX", Map.of("Ref", "KeyPrefix"))
                .containsEntry("S3_KEY_SUFFIX", Map.of("Ref", "KeySuffix"));
        assertThat(event.get("Events")).isEqualTo("s3:ObjectCreated:*");
    }

    @Test
    void sendsEventsThatStillFailAfterRetriesToADestination() {
        Map<String, Object> invoke = map(function.get("EventInvokeConfig"));

        assertThat(map(map(invoke.get("DestinationConfig")).get("OnFailure"))).containsEntry("Type", "SQS");
        assertThat(map(map(template.get("Resources")).get("FailedEvents"))).containsEntry("Type", "AWS::SQS::Queue");
    }

    @Test
    void keepsTheBirdLogUnderItsOwnPrefixOfThePhotoBucketWithJustTheRightsItNeeds() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));
        Map<String, Map<String, Object>> bySid = new java.util.HashMap<>();
        for (Object policy : list(function.get("Policies"))) {
            for (Object statement : list(map(policy).get("Statement"))) {
                bySid.put((String) map(statement).get("Sid"), map(statement));
            }
        }

        assertThat(map(parameters.get("SightingsPrefix")).get("Default"))
                .isEqualTo(org.fieldmark.adapter.aws.s3.S3SightingSettings.DEFAULT_PREFIX);
        assertThat(variables).containsEntry("SIGHTINGS_BUCKET", Map.of("Fn::Sub", "${AWS::StackName}-${AWS::AccountId}-photos"))
                .containsEntry("SIGHTINGS_PREFIX", Map.of("Ref", "SightingsPrefix"));
        assertThat(list(bySid.get("KeepSightings").get("Action")))
                .containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
        assertThat(bySid.get("KeepSightings").get("Resource")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos/${SightingsPrefix}*"));
        assertThat(list(bySid.get("ListSightings").get("Action"))).containsExactly("s3:ListBucket");
        assertThat(bySid.get("ListSightings").get("Resource")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos"));
    }
}
