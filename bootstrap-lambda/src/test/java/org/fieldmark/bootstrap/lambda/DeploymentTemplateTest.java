package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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

    static Map<String, Object> resource(String name) {
        return map(map(template.get("Resources")).get(name));
    }

    /** The handler per event source: {@code Fn::If [FromSqs, sqs, Fn::If [FromEventBridge, eventbridge, s3]]}. */
    static Map<String, String> handlers() {
        List<Object> outer = list(map(function.get("Handler")).get("Fn::If"));
        List<Object> inner = list(map(outer.get(2)).get("Fn::If"));
        assertThat(outer.get(0)).isEqualTo("FromSqs");
        assertThat(inner.get(0)).isEqualTo("FromEventBridge");
        return Map.of("sqs", (String) outer.get(1), "eventbridge", (String) inner.get(1), "s3", (String) inner.get(2));
    }

    @Test
    void namesForEachEventSourceAHandlerClassThatLambdaCanConstruct() throws Exception {
        Map<String, String> handlers = handlers();
        assertThat(handlers).containsEntry("s3", "org.fieldmark.bootstrap.lambda.S3EventHandler::handleRequest")
                .containsEntry("sqs", "org.fieldmark.bootstrap.lambda.SqsEventHandler::handleRequest")
                .containsEntry("eventbridge", "org.fieldmark.bootstrap.lambda.EventBridgeHandler::handleRequest");
        assertThat(list(map(map(template.get("Parameters")).get("EventSource")).get("AllowedValues")))
                .containsExactlyInAnyOrderElementsOf(handlers.keySet());
        for (String handler : handlers.values()) {
            String className = handler.substring(0, handler.indexOf("::"));
            String method = handler.substring(handler.indexOf("::") + 2);

            Class<?> type = Class.forName(className);
            // S3EventHandler reads its event's JSON itself (a stream handler); the others take the runtime's types.
            assertThat(RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type))
                    .as(className + " is a RequestHandler or a RequestStreamHandler").isTrue();
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
            assertThat(type.getMethods()).anySatisfy(m -> assertThat(m.getName()).isEqualTo(method));
        }
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
            for (Object statement : list(map(policy).get("Statement"))) {
                // A statement only some event sources need: Fn::If [condition, statement, AWS::NoValue].
                Object conditional = map(statement).get("Fn::If");
                statements.add(conditional == null ? statement : list(conditional).get(1));
            }
        }
        assertThat(statements).hasSize(8);
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
                // The only wildcards allowed: the objects under the trigger's key prefix, the bird log's
                // prefix and the claim markers.
                assertThat(map(resource).get("Fn::Sub")).isIn(
                        "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos/${KeyPrefix}*",
                        "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos/${SightingsPrefix}*",
                        "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos/${IdempotencyPrefix}*");
            }
        }
    }

    /** The value of {@code Fn::If [condition, value, ...]}, checking the condition. */
    static Object when(String condition, Object value) {
        List<Object> branches = list(map(value).get("Fn::If"));
        assertThat(branches.get(0)).isEqualTo(condition);
        return branches.get(1);
    }

    @Test
    void triggersOnTheKeysTheFunctionIdentifiesByDefaultThroughTheBucketOrTheQueue() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, Object> notifications = map(map(resource("PhotoBucket").get("Properties")).get("NotificationConfiguration"));
        Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));
        List<Object> expectedRules = List.of(
                Map.of("Name", "prefix", "Value", Map.of("Ref", "KeyPrefix")),
                Map.of("Name", "suffix", "Value", Map.of("Ref", "KeySuffix")));

        Map<String, Object> toFunction = map(list(when("FromS3", notifications.get("LambdaConfigurations"))).get(0));
        Map<String, Object> toQueue = map(list(when("FromSqs", notifications.get("QueueConfigurations"))).get(0));
        for (Map<String, Object> destination : List.of(toFunction, toQueue)) {
            assertThat(destination.get("Event")).isEqualTo("s3:ObjectCreated:*");
            assertThat(list(map(map(destination.get("Filter")).get("S3Key")).get("Rules"))).isEqualTo(expectedRules);
        }
        assertThat(toFunction.get("Function")).isEqualTo(Map.of("Ref", "IdentifyFunction.Alias"));
        assertThat(toQueue.get("Queue")).isEqualTo(Map.of("Fn::GetAtt", List.of("PhotoEvents", "Arn")));
        assertThat(map(parameters.get("KeyPrefix")).get("Default")).isEqualTo(LambdaEnvironment.DEFAULT_KEY_PREFIX);
        assertThat(map(parameters.get("KeySuffix")).get("Default")).isEqualTo(LambdaEnvironment.DEFAULT_KEY_SUFFIX);
        assertThat(variables).containsEntry("S3_KEY_PREFIX", Map.of("Ref", "KeyPrefix"))
                .containsEntry("S3_KEY_SUFFIX", Map.of("Ref", "KeySuffix"));
        assertThat(resource("S3InvokePermission")).containsEntry("Condition", "FromS3");
        assertThat(map(resource("S3InvokePermission").get("Properties"))).containsEntry("Principal", "s3.amazonaws.com");
    }

    @Test
    void withSqsReportsPartialBatchFailuresAndMovesMessagesThatKeepFailingToADeadLetterQueue() {
        Map<String, Object> queue = resource("PhotoEvents");
        Map<String, Object> queueProperties = map(queue.get("Properties"));
        Map<String, Object> mapping = resource("PhotoEventsMapping");
        Map<String, Object> redrive = map(queueProperties.get("RedrivePolicy"));
        int functionTimeout = (Integer) function.get("Timeout");

        assertThat((Integer) queueProperties.get("VisibilityTimeout")).isGreaterThanOrEqualTo(6 * functionTimeout);
        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("PhotoEventsDeadLetters", "Arn")));
        assertThat(redrive.get("maxReceiveCount")).isEqualTo(Map.of("Ref", "MaxReceiveCount"));
        assertThat(list(map(mapping.get("Properties")).get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(map(mapping.get("Properties")).get("EventSourceArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("PhotoEvents", "Arn")));
        for (String name : List.of("PhotoEvents", "PhotoEventsDeadLetters", "PhotoEventsPolicy", "PhotoEventsMapping")) {
            assertThat(resource(name)).as(name).containsEntry("Condition", "FromSqs");
        }
        assertThat(map(map(function.get("Environment")).get("Variables")))
                .containsEntry("NON_RETRYABLE_TO_DLQ", Map.of("Ref", "NonRetryableToDlq"));
    }

    @Test
    void withEventBridgeARuleOnTheBucketsObjectCreatedEventsInvokesTheFunction() {
        Map<String, Object> rule = resource("PhotoUploadedRule");
        Map<String, Object> pattern = map(map(rule.get("Properties")).get("EventPattern"));
        Map<String, Object> notifications = map(map(resource("PhotoBucket").get("Properties")).get("NotificationConfiguration"));
        Map<String, Object> permission = resource("EventBridgeInvokePermission");

        assertThat(rule).containsEntry("Condition", "FromEventBridge");
        assertThat(pattern.get("source")).isEqualTo(List.of("aws.s3"));
        assertThat(pattern.get("detail-type")).isEqualTo(List.of("Object Created"));
        assertThat(map(map(pattern.get("detail")).get("object")).get("key")).isEqualTo(List.of(Map.of("prefix", Map.of("Ref", "KeyPrefix"))));
        assertThat(map(list(map(rule.get("Properties")).get("Targets")).get(0)).get("Arn")).isEqualTo(Map.of("Ref", "IdentifyFunction.Alias"));
        assertThat(when("FromEventBridge", notifications.get("EventBridgeConfiguration"))).isEqualTo(Map.of("EventBridgeEnabled", true));
        assertThat(permission).containsEntry("Condition", "FromEventBridge");
        assertThat(map(permission.get("Properties"))).containsEntry("Principal", "events.amazonaws.com");
    }

    @Test
    void keepsClaimMarkersUnderTheirOwnPrefixWhichALifecycleRuleExpires() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, Object> lifecycle = map(list(map(map(resource("PhotoBucket").get("Properties"))
                .get("LifecycleConfiguration")).get("Rules")).get(0));
        Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));

        assertThat(lifecycle).containsEntry("Status", "Enabled").containsEntry("Prefix", Map.of("Ref", "IdempotencyPrefix"))
                .containsEntry("ExpirationInDays", Map.of("Ref", "MarkerExpiryDays"));
        assertThat(map(parameters.get("IdempotencyPrefix")).get("Default")).isEqualTo(LambdaEnvironment.DEFAULT_IDEMPOTENCY_PREFIX);
        assertThat((String) map(parameters.get("IdempotencyPrefix")).get("Default"))
                .doesNotStartWith((String) map(parameters.get("KeyPrefix")).get("Default"));
        assertThat(variables).containsEntry("IDEMPOTENCY_BUCKET", Map.of("Fn::Sub", "${AWS::StackName}-${AWS::AccountId}-photos"))
                .containsEntry("IDEMPOTENCY_PREFIX", Map.of("Ref", "IdempotencyPrefix"))
                .containsEntry("IDEMPOTENCY_CLAIM_TIMEOUT", Map.of("Ref", "ClaimTimeoutSeconds"));
        assertThat((Integer) map(parameters.get("ClaimTimeoutSeconds")).get("MinValue"))
                .as("a claim outlives the longest attempt").isGreaterThan((Integer) function.get("Timeout"));
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

    static Map<String, Map<String, Object>> statementsBySid(Map<String, Object> properties) {
        Map<String, Map<String, Object>> bySid = new java.util.LinkedHashMap<>();
        for (Object policy : list(properties.get("Policies"))) {
            for (Object statement : list(map(policy).get("Statement"))) {
                bySid.put((String) map(statement).get("Sid"), map(statement));
            }
        }
        return bySid;
    }

    @Test
    void sendsTheDailyDigestFromASecondFunctionOnlyWhenAScheduleIsGiven() throws Exception {
        Map<String, Object> parameter = map(map(template.get("Parameters")).get("DigestSchedule"));
        Map<String, Object> digest = resource("DigestFunction");
        Map<String, Object> properties = map(digest.get("Properties"));
        Map<String, Object> daily = map(map(properties.get("Events")).get("Daily"));

        assertThat(parameter).containsEntry("Type", "String").containsEntry("Default", "");
        assertThat(map(map(template.get("Conditions")).get("HasDigest")))
                .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "DigestSchedule"), "")))));
        assertThat(digest).containsEntry("Type", "AWS::Serverless::Function").containsEntry("Condition", "HasDigest");
        assertThat(properties.get("CodeUri")).isEqualTo(function.get("CodeUri"));
        assertThat(properties.get("Runtime")).isEqualTo(function.get("Runtime"));
        String handler = (String) properties.get("Handler");
        assertThat(handler).isEqualTo("org.fieldmark.bootstrap.lambda.DigestHandler::handleRequest");
        Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(RequestHandler.class).isAssignableFrom(type);
        assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
        assertThat(daily).containsEntry("Type", "Schedule");
        assertThat(map(daily.get("Properties"))).containsEntry("Schedule", Map.of("Ref", "DigestSchedule"));
        assertThat(map(map(map(properties.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure")))
                .containsEntry("Destination", Map.of("Fn::GetAtt", List.of("FailedEvents", "Arn")));
    }

    @Test
    void givesTheDigestFunctionTheBirdLogTheZoneAndTheTopicOfTheIdentifyingFunction() throws IOException {
        Map<String, Object> variables = map(map(map(resource("DigestFunction").get("Properties"))
                .get("Environment")).get("Variables"));
        Map<String, Object> identifying = map(map(function.get("Environment")).get("Variables"));

        for (String name : List.of("SIGHTINGS_BUCKET", "SIGHTINGS_PREFIX", "POLICY_TIME_ZONE", "SNS_TOPIC_ARN",
                "NOTIFY", "LABELS")) {
            assertThat(variables.get(name)).as(name).isNotNull().isEqualTo(identifying.get(name));
        }
        assertThat(variables).containsEntry("POLICY_TIME_ZONE", Map.of("Ref", "PolicyTimeZone"));
        assertThat(map(map(template.get("Parameters")).get("PolicyTimeZone"))).containsEntry("Default", "UTC");
        Set<String> names = new TreeSet<>(variables.keySet());
        names.remove("JAVA_TOOL_OPTIONS");
        assertThat(LambdaEnvironment.VARIABLES).containsAll(names);
        // What the template gives it is what the digest function's init accepts.
        Map<String, String> env = new java.util.HashMap<>();
        names.forEach(name -> env.put(name, "x"));
        env.putAll(Map.of("SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:fieldmark", "NOTIFY", "sns",
                "LABELS", "workshop-4", "SIGHTINGS_BUCKET", "stack-123456789012-photos", "SIGHTINGS_PREFIX",
                "fieldmark/", "POLICY_TIME_ZONE", "UTC"));
        assertThat(LambdaEnvironment.readDigest(env).sightings().bucket()).isEqualTo("stack-123456789012-photos");
    }

    @Test
    void keepsTheWorkshopsBehaviourUnlessAPolicyModeIsChosenAndOffersOnlyModesTheFunctionAccepts() {
        Map<String, Object> identifying = map(map(function.get("Environment")).get("Variables"));
        Map<String, Object> parameter = map(map(template.get("Parameters")).get("PolicyMode"));

        assertThat(identifying).containsEntry("POLICY_MODE", Map.of("Ref", "PolicyMode"));
        assertThat(parameter).containsEntry("Default", "off");
        @SuppressWarnings("unchecked")
        List<String> modes = (List<String>) parameter.get("AllowedValues");
        assertThat(modes).contains("off", "every", "new-species", "first-of-day");
        for (String mode : modes) {
            Map<String, String> env = Map.of("SAGEMAKER_ENDPOINT_NAME", "birds", "SNS_TOPIC_ARN",
                    "arn:aws:sns:us-east-1:123456789012:fieldmark", "AWS_REGION", "us-east-1", "POLICY_MODE", mode);
            assertThat(LambdaEnvironment.read(env).policy() == null).as(mode).isEqualTo(mode.equals("off"));
        }
    }

    @Test
    void letsTheDigestFunctionOnlyReadTheBirdLogAndPublishToTheTopic() {
        Map<String, Map<String, Object>> bySid = statementsBySid(map(resource("DigestFunction").get("Properties")));

        assertThat(bySid).containsOnlyKeys("ReadSightings", "ListSightings", "Notify", "ReportFailedEvents");
        assertThat(list(bySid.get("ReadSightings").get("Action"))).containsExactly("s3:GetObject");
        assertThat(bySid.get("ReadSightings").get("Resource")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos/${SightingsPrefix}*"));
        assertThat(list(bySid.get("ListSightings").get("Action"))).containsExactly("s3:ListBucket");
        assertThat(bySid.get("ListSightings").get("Resource")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-photos"));
        assertThat(list(bySid.get("Notify").get("Action"))).containsExactly("sns:Publish");
        assertThat(bySid.get("Notify").get("Resource")).isEqualTo(Map.of("Ref", "IdentificationTopic"));
        assertThat(list(bySid.get("ReportFailedEvents").get("Action"))).containsExactly("sqs:SendMessage");
        for (Map<String, Object> statement : bySid.values()) {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
        }
    }
}
