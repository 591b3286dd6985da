package org.fieldmark.bootstrap.server.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Every module's production classes against the house dependency rules; a violation fails the build. */
@AnalyzeClasses(packages = FieldmarkArchitecture.ROOT, importOptions = FieldmarkArchitecture.ProductionClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainImportsOnlyJava = FieldmarkArchitecture.DOMAIN_IMPORTS_ONLY_JAVA;

    @ArchTest
    static final ArchRule applicationImportsOnlyDomainAndJava =
            FieldmarkArchitecture.APPLICATION_IMPORTS_ONLY_DOMAIN_AND_JAVA;

    @ArchTest
    static final ArchRule configurationImportsOnlyCoreAndJava =
            FieldmarkArchitecture.CONFIGURATION_IMPORTS_ONLY_CORE_AND_JAVA;

    @ArchTest
    static final ArchRule configurationOnlyInBootstraps = FieldmarkArchitecture.CONFIGURATION_ONLY_IN_BOOTSTRAPS;

    @ArchTest
    static final ArchRule awsSdkOnlyInAwsAdapterAndBootstraps =
            FieldmarkArchitecture.AWS_SDK_ONLY_IN_AWS_ADAPTER_AND_BOOTSTRAPS;

    @ArchTest
    static final ArchRule lambdaTypesOnlyInBootstrapLambda = FieldmarkArchitecture.LAMBDA_TYPES_ONLY_IN_BOOTSTRAP_LAMBDA;

    @ArchTest
    static final ArchRule vertxOnlyInHttpAdapterAndServer = FieldmarkArchitecture.VERTX_ONLY_IN_HTTP_ADAPTER_AND_SERVER;

    @ArchTest
    static final ArchRule adaptersNeverImportEachOther = FieldmarkArchitecture.ADAPTERS_NEVER_IMPORT_EACH_OTHER;

    @ArchTest
    static final ArchRule nothingImportsABootstrap = FieldmarkArchitecture.NOTHING_IMPORTS_A_BOOTSTRAP;

    @ArchTest
    static final ArchRule bootstrapsNeverImportEachOther = FieldmarkArchitecture.BOOTSTRAPS_NEVER_IMPORT_EACH_OTHER;

    @ArchTest
    static final ArchRule noPackageCycles = FieldmarkArchitecture.NO_PACKAGE_CYCLES;

    @ArchTest
    static final ArchRule environmentReadOnlyInBootstraps = FieldmarkArchitecture.ENVIRONMENT_READ_ONLY_IN_BOOTSTRAPS;

    @ArchTest
    static final ArchRule hexagonLayers = FieldmarkArchitecture.HEXAGON_LAYERS;
}
