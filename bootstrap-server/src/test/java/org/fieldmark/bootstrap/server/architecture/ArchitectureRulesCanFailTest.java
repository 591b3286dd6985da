package org.fieldmark.bootstrap.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.archfixture.AwsUsingJacksonCore;
import org.fieldmark.adapter.aws.archfixture.AwsUsingLambdaContext;
import org.fieldmark.adapter.aws.archfixture.AwsUsingSdk;
import org.fieldmark.adapter.aws.archfixture.AwsUsingSdkJson;
import org.fieldmark.adapter.aws.archfixture.AwsUsingVertx;
import org.fieldmark.adapter.http.archfixture.HttpUsingDatabind;
import org.fieldmark.adapter.http.archfixture.HttpUsingFailsafe;
import org.fieldmark.adapter.http.archfixture.HttpUsingLocal;
import org.fieldmark.adapter.http.archfixture.HttpUsingSdkShadedJackson;
import org.fieldmark.adapter.http.archfixture.HttpUsingVertx;
import org.fieldmark.adapter.local.archfixture.LocalReadingEnvironment;
import org.fieldmark.adapter.local.archfixture.LocalThing;
import org.fieldmark.adapter.local.archfixture.LocalUsingAwsSdk;
import org.fieldmark.adapter.local.archfixture.LocalUsingBootstrap;
import org.fieldmark.adapter.local.archfixture.LocalUsingConfiguration;
import org.fieldmark.adapter.memory.archfixture.MemoryUsingLocal;
import org.fieldmark.adapter.mqtt.archfixture.MqttUsingHttp;
import org.fieldmark.adapter.mqtt.archfixture.MqttUsingVertx;
import org.fieldmark.application.archfixture.ApplicationUsingAdapter;
import org.fieldmark.application.archfixture.ApplicationUsingFailsafe;
import org.fieldmark.application.archfixture.ApplicationUsingWire;
import org.fieldmark.application.archfixture.cycle.a.CycleA;
import org.fieldmark.application.archfixture.cycle.b.CycleB;
import org.fieldmark.bootstrap.lambda.archfixture.LambdaUsingServer;
import org.fieldmark.bootstrap.server.archfixture.ServerThing;
import org.fieldmark.configuration.archfixture.ConfigurationThing;
import org.fieldmark.configuration.archfixture.ConfigurationUsingAdapter;
import org.fieldmark.domain.archfixture.DomainUsingAwsSdk;
import org.fieldmark.domain.archfixture.DomainUsingVertx;
import org.fieldmark.domain.archfixture.PureDomainThing;
import org.fieldmark.wire.json.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule that cannot fail proves nothing. Each rule runs over deliberately bad fixture classes
 * (test classes, so the real run leaves them out) and must report them by name, and over good
 * fixtures, which it must let pass.
 */
class ArchitectureRulesCanFailTest {

    static Stream<Arguments> rulesWithBadAndGoodFixtures() {
        return Stream.of(
                Arguments.of(FieldmarkArchitecture.DOMAIN_IMPORTS_ONLY_JAVA,
                        List.of(DomainUsingAwsSdk.class, DomainUsingVertx.class), List.of(PureDomainThing.class)),
                Arguments.of(FieldmarkArchitecture.APPLICATION_IMPORTS_ONLY_DOMAIN_AND_JAVA,
                        List.of(ApplicationUsingAdapter.class), List.of(CycleA.class, PureDomainThing.class)),
                Arguments.of(FieldmarkArchitecture.CONFIGURATION_IMPORTS_ONLY_CORE_AND_JAVA,
                        List.of(ConfigurationUsingAdapter.class), List.of(ConfigurationThing.class, PureDomainThing.class)),
                Arguments.of(FieldmarkArchitecture.CONFIGURATION_ONLY_IN_BOOTSTRAPS,
                        List.of(LocalUsingConfiguration.class), List.of(ConfigurationThing.class, LocalThing.class)),
                Arguments.of(FieldmarkArchitecture.AWS_SDK_ONLY_IN_AWS_ADAPTER_AND_BOOTSTRAPS,
                        List.of(LocalUsingAwsSdk.class, DomainUsingAwsSdk.class), List.of(AwsUsingSdk.class, LocalThing.class)),
                Arguments.of(FieldmarkArchitecture.LAMBDA_TYPES_ONLY_IN_BOOTSTRAP_LAMBDA,
                        List.of(AwsUsingLambdaContext.class), List.of(LambdaUsingServer.class, AwsUsingSdk.class)),
                Arguments.of(FieldmarkArchitecture.VERTX_ONLY_IN_HTTP_ADAPTER_AND_SERVER,
                        List.of(AwsUsingVertx.class, DomainUsingVertx.class),
                        List.of(HttpUsingVertx.class, MqttUsingVertx.class, PureDomainThing.class)),
                Arguments.of(FieldmarkArchitecture.ONE_JSON_LIBRARY,
                        List.of(AwsUsingSdkJson.class, HttpUsingDatabind.class, HttpUsingSdkShadedJackson.class),
                        List.of(AwsUsingJacksonCore.class, HttpUsingVertx.class, AwsUsingSdk.class)),
                Arguments.of(FieldmarkArchitecture.ONE_RETRY_LIBRARY,
                        List.of(ApplicationUsingFailsafe.class),
                        List.of(HttpUsingFailsafe.class, PureDomainThing.class)),
                Arguments.of(FieldmarkArchitecture.ADAPTERS_NEVER_IMPORT_EACH_OTHER,
                        List.of(HttpUsingLocal.class, MqttUsingHttp.class, MemoryUsingLocal.class),
                        List.of(LocalThing.class, AwsUsingSdk.class, MqttUsingVertx.class)),
                Arguments.of(FieldmarkArchitecture.NOTHING_IMPORTS_A_BOOTSTRAP,
                        List.of(LocalUsingBootstrap.class), List.of(ServerThing.class, LocalThing.class)),
                Arguments.of(FieldmarkArchitecture.BOOTSTRAPS_NEVER_IMPORT_EACH_OTHER,
                        List.of(LambdaUsingServer.class), List.of(ServerThing.class)),
                Arguments.of(FieldmarkArchitecture.NO_PACKAGE_CYCLES,
                        List.of(CycleA.class, CycleB.class), List.of(ApplicationUsingAdapter.class, LocalThing.class)),
                Arguments.of(FieldmarkArchitecture.ENVIRONMENT_READ_ONLY_IN_BOOTSTRAPS,
                        List.of(LocalReadingEnvironment.class), List.of(ServerThing.class, LocalThing.class)),
                Arguments.of(FieldmarkArchitecture.HEXAGON_LAYERS,
                        List.of(ApplicationUsingAdapter.class, LocalUsingBootstrap.class, LocalUsingConfiguration.class,
                                ConfigurationUsingAdapter.class, ApplicationUsingWire.class),
                        List.of(HttpUsingVertx.class, PureDomainThing.class, ServerThing.class, CycleA.class, LocalThing.class,
                                ConfigurationThing.class, JsonText.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesWithBadAndGoodFixtures")
    void eachRuleReportsItsBadFixturesAndPassesItsGoodOnes(ArchRule rule, List<Class<?>> bad, List<Class<?>> good) {
        JavaClasses goodOnly = new ClassFileImporter().importClasses(good);
        assertThat(rule.evaluate(goodOnly).hasViolation()).as("good fixtures pass").isFalse();

        for (Class<?> offender : bad) {
            JavaClasses withOffender = new ClassFileImporter().importClasses(
                    Stream.concat(good.stream(), Stream.concat(Stream.of(offender), bad.stream())).toList());
            EvaluationResult result = rule.evaluate(withOffender);
            assertThat(result.hasViolation()).as("%s is reported", offender.getSimpleName()).isTrue();
            assertThat(result.getFailureReport().toString()).contains(offender.getSimpleName());
        }
    }

    @Test
    void aViolationFailsWithTheRuleNameInTheMessage() {
        JavaClasses bad = new ClassFileImporter().importClasses(DomainUsingAwsSdk.class);

        assertThatThrownBy(() -> FieldmarkArchitecture.DOMAIN_IMPORTS_ONLY_JAVA.check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Rule 'domain imports only java.* (and itself)' was violated")
                .hasMessageContaining("software.amazon.awssdk.core.SdkBytes");
    }

    @Test
    void theRealRunLeavesTheFixturesOut() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(new FieldmarkArchitecture.ProductionClassesOnly())
                .importPackages(FieldmarkArchitecture.ROOT);

        assertThat(production.stream().map(c -> c.getName()))
                .contains("org.fieldmark.domain.IdentificationRules",
                        "org.fieldmark.application.service.IdentifyBirdService")
                .noneMatch(name -> name.contains("archfixture") || name.contains(".testing."));
    }
}
