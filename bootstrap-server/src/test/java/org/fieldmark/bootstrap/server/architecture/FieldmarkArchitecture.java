package org.fieldmark.bootstrap.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of ../shared/STYLE.md as ArchUnit rules. They live in this bootstrap's
 * tests because every module's classes are on its test class path (bootstrap-lambda as a test
 * dependency). Each rule's description is what a failing build prints.
 */
final class FieldmarkArchitecture {

    static final String ROOT = "org.fieldmark";

    static final ArchRule DOMAIN_IMPORTS_ONLY_JAVA = classes()
            .that().resideInAPackage("org.fieldmark.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.fieldmark.domain..")
            .as("domain imports only java.* (and itself)");

    static final ArchRule APPLICATION_IMPORTS_ONLY_DOMAIN_AND_JAVA = classes()
            .that().resideInAPackage("org.fieldmark.application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.fieldmark.domain..", "org.fieldmark.application..")
            .as("application imports only domain and java.* (and itself)");

    static final ArchRule CONFIGURATION_IMPORTS_ONLY_CORE_AND_JAVA = classes()
            .that().resideInAPackage("org.fieldmark.configuration..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.fieldmark.domain..",
                    "org.fieldmark.application..", "org.fieldmark.configuration..")
            .as("configuration imports only domain, application and java.* (and itself)");

    static final ArchRule CONFIGURATION_ONLY_IN_BOOTSTRAPS = noClasses()
            .that().resideInAnyPackage("org.fieldmark.domain..", "org.fieldmark.application..", "org.fieldmark.adapter..")
            .should().dependOnClassesThat().resideInAPackage("org.fieldmark.configuration..")
            .as("configuration is read only by the bootstraps");

    static final ArchRule AWS_SDK_ONLY_IN_AWS_ADAPTER_AND_BOOTSTRAPS = noClasses()
            .that().resideOutsideOfPackages("org.fieldmark.adapter.aws..", "org.fieldmark.bootstrap.lambda..",
                    "org.fieldmark.bootstrap.server..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
            .as("AWS SDK only in adapter-aws, bootstrap-lambda and bootstrap-server");

    static final ArchRule LAMBDA_TYPES_ONLY_IN_BOOTSTRAP_LAMBDA = noClasses()
            .that().resideOutsideOfPackage("org.fieldmark.bootstrap.lambda..")
            .should().dependOnClassesThat().resideInAnyPackage("com.amazonaws.services.lambda..")
            .as("Lambda runtime types only in bootstrap-lambda");

    static final ArchRule VERTX_ONLY_IN_HTTP_ADAPTER_AND_SERVER = noClasses()
            .that().resideOutsideOfPackages("org.fieldmark.adapter.http..", "org.fieldmark.adapter.mqtt..",
                    "org.fieldmark.bootstrap.server..")
            .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
            .as("Vert.x only in adapter-http, adapter-mqtt and bootstrap-server");

    /**
     * One JSON library in main code: Jackson's streaming core ({@code com.fasterxml.jackson.core}),
     * which Vert.x runs on and the Lambda jar shares with the SDK. Vert.x's JsonObject, a view
     * over it, stays in the Vert.x modules (the rule above). No data binding, no other library,
     * and not the SDK's own JSON reader or its relocated Jackson.
     */
    static final ArchRule ONE_JSON_LIBRARY = noClasses()
            .that().resideInAPackage("org.fieldmark..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..",
                    "com.fasterxml.jackson.dataformat..", "tools.jackson..", "org.json..", "com.google.gson..",
                    "jakarta.json..", "javax.json..", "net.minidev.json..", "com.alibaba.fastjson..", "com.squareup.moshi..",
                    "com.jsoniter..", "software.amazon.awssdk.protocols.jsoncore..", "software.amazon.awssdk.thirdparty..",
                    "org.fieldmark.application.json..")
            .as("JSON only with jackson-core (no data binding, other JSON library or the SDK's JSON)");

    static final ArchRule ONE_RETRY_LIBRARY = noClasses()
            .that().resideInAPackage("org.fieldmark..").and().resideOutsideOfPackage("org.fieldmark.adapter..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.failsafe..")
            .orShould().dependOnClassesThat().resideInAnyPackage("io.github.resilience4j..", "org.springframework.retry..",
                    "com.github.rholder.retry..", "net.jodah.failsafe..", "com.evanlennick.retry4j..")
            .as("retries only in adapters, and only with Failsafe");

    static final ArchRule OTHER_RETRY_LIBRARIES_NOWHERE = noClasses()
            .that().resideInAPackage("org.fieldmark..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.resilience4j..", "org.springframework.retry..",
                    "com.github.rholder.retry..", "net.jodah.failsafe..", "com.evanlennick.retry4j..")
            .as("no retry library but Failsafe");

    static final ArchRule ADAPTERS_NEVER_IMPORT_EACH_OTHER = slices()
            .matching("org.fieldmark.adapter.(*)..")
            .should().notDependOnEachOther()
            .as("adapters never import each other");

    static final ArchRule NOTHING_IMPORTS_A_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackage("org.fieldmark.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("org.fieldmark.bootstrap..")
            .as("nothing imports a bootstrap");

    static final ArchRule BOOTSTRAPS_NEVER_IMPORT_EACH_OTHER = slices()
            .matching("org.fieldmark.bootstrap.(*)..")
            .should().notDependOnEachOther()
            .as("bootstraps never import each other");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("org.fieldmark.(**)")
            .should().beFreeOfCycles()
            .as("no package cycles");

    static final ArchRule ENVIRONMENT_READ_ONLY_IN_BOOTSTRAPS = noClasses()
            .that().resideOutsideOfPackage("org.fieldmark.bootstrap..")
            .should().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getenv", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class, String.class)
            .orShould().callMethod(System.class, "getProperties")
            .orShould().callMethod(Integer.class, "getInteger", String.class)
            .orShould().callMethod(Boolean.class, "getBoolean", String.class)
            .as("System.getenv and system properties only in bootstraps");

    static final ArchRule HEXAGON_LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy("org.fieldmark.domain..")
            .layer("Application").definedBy("org.fieldmark.application..")
            .layer("Adapters").definedBy("org.fieldmark.adapter..")
            .layer("Configuration").definedBy("org.fieldmark.configuration..")
            .layer("Bootstraps").definedBy("org.fieldmark.bootstrap..")
            .optionalLayer("Wire formats").definedBy("org.fieldmark.wire..")
            .whereLayer("Bootstraps").mayNotBeAccessedByAnyLayer()
            .whereLayer("Configuration").mayOnlyBeAccessedByLayers("Bootstraps")
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Bootstraps")
            .whereLayer("Wire formats").mayOnlyBeAccessedByLayers("Adapters", "Bootstraps")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Configuration", "Bootstraps")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Wire formats", "Adapters", "Configuration",
                    "Bootstraps")
            .as("hexagon layers: domain <- application <- adapters, configuration <- bootstraps; wire formats "
                    + "(domain only) for adapters and bootstraps");

    static final List<ArchRule> ALL = List.of(DOMAIN_IMPORTS_ONLY_JAVA, APPLICATION_IMPORTS_ONLY_DOMAIN_AND_JAVA,
            CONFIGURATION_IMPORTS_ONLY_CORE_AND_JAVA, CONFIGURATION_ONLY_IN_BOOTSTRAPS,
            AWS_SDK_ONLY_IN_AWS_ADAPTER_AND_BOOTSTRAPS, LAMBDA_TYPES_ONLY_IN_BOOTSTRAP_LAMBDA,
            VERTX_ONLY_IN_HTTP_ADAPTER_AND_SERVER, ONE_JSON_LIBRARY, ONE_RETRY_LIBRARY,
            OTHER_RETRY_LIBRARIES_NOWHERE, ADAPTERS_NEVER_IMPORT_EACH_OTHER, NOTHING_IMPORTS_A_BOOTSTRAP,
            BOOTSTRAPS_NEVER_IMPORT_EACH_OTHER, NO_PACKAGE_CYCLES, ENVIRONMENT_READ_ONLY_IN_BOOTSTRAPS, HEXAGON_LAYERS);

    private FieldmarkArchitecture() {
    }

    /**
     * Production classes only: test classes (including the fixtures that prove each rule can
     * fail, and the application's test-jar of fakes) are left out, whether they come from a
     * {@code test-classes} folder or a {@code -tests.jar}.
     */
    static final class ProductionClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }
}
