package io.shadowgate;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Arrays;

/**
 * The package rules of DESIGN.md, for the packages that exist today. Arrows point one way: a rule
 * failing here means the design is leaking, and the fix is in the design, not in an exception.
 */
@AnalyzeClasses(packages = "io.shadowgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String BASE = "io.shadowgate..";

    /** Classes of the project outside the given packages (each given as a simple name, e.g. "config"). */
    private static DescribedPredicate<JavaClass> projectClassesOutside(String... allowed) {
        String[] packages = Arrays.stream(allowed).map(name -> "io.shadowgate." + name + "..").toArray(String[]::new);
        return resideInAPackage(BASE).and(resideOutsideOfPackages(packages))
                .as("are project classes outside of " + String.join(", ", allowed));
    }

    @ArchTest
    static final ArchRule configDependsOnNoOtherProjectPackage = noClasses()
            .that().resideInAPackage("io.shadowgate.config..")
            .should().dependOnClassesThat(projectClassesOutside("config"));

    @ArchTest
    static final ArchRule compareUsesOnlyConfig = noClasses()
            .that().resideInAPackage("io.shadowgate.compare..")
            .should().dependOnClassesThat(projectClassesOutside("compare", "config"));

    @ArchTest
    static final ArchRule compareIsPureAndDoesNoNettyIo = noClasses()
            .that().resideInAPackage("io.shadowgate.compare..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    @ArchTest
    static final ArchRule metricsUsesOnlyConfig = noClasses()
            .that().resideInAPackage("io.shadowgate.metrics..")
            .should().dependOnClassesThat(projectClassesOutside("metrics", "config"));

    /** DESIGN: proxy may use config and metrics (and the MirrorSink interface it owns itself). */
    @ArchTest
    static final ArchRule proxyUsesOnlyConfigAndMetrics = noClasses()
            .that().resideInAPackage("io.shadowgate.proxy..")
            .should().dependOnClassesThat(projectClassesOutside("proxy", "config", "metrics"));

    @ArchTest
    static final ArchRule proxyDoesNotKnowRolloutAdminAppMirrorOrAzure = noClasses()
            .that().resideInAPackage("io.shadowgate.proxy..")
            .should().dependOnClassesThat().resideInAnyPackage("io.shadowgate.rollout..", "io.shadowgate.admin..",
                    "io.shadowgate.app..", "io.shadowgate.mirror..", "io.shadowgate.azure..");

    /** DESIGN: mirror may use config, metrics and compare, and the proxy's MirrorSink seam it implements. */
    @ArchTest
    static final ArchRule mirrorUsesOnlyConfigMetricsCompareAndTheProxySeam = noClasses()
            .that().resideInAPackage("io.shadowgate.mirror..")
            .should().dependOnClassesThat(projectClassesOutside("mirror", "config", "metrics", "compare", "proxy"));

    @ArchTest
    static final ArchRule mirrorDoesNotKnowRolloutAdminAppOrAzure = noClasses()
            .that().resideInAPackage("io.shadowgate.mirror..")
            .should().dependOnClassesThat().resideInAnyPackage("io.shadowgate.rollout..", "io.shadowgate.admin..",
                    "io.shadowgate.app..", "io.shadowgate.azure..");

    /** Nothing but the wiring knows the mirror: the proxy sees only its MirrorSink. */
    @ArchTest
    static final ArchRule onlyAppDependsOnTheMirror = noClasses()
            .that().resideOutsideOfPackages("io.shadowgate.mirror..", "io.shadowgate.app..")
            .should().dependOnClassesThat().resideInAPackage("io.shadowgate.mirror..");

    /** DESIGN: rollout may use config, metrics and compare (outcomes). */
    @ArchTest
    static final ArchRule rolloutUsesOnlyConfigMetricsAndCompare = noClasses()
            .that().resideInAPackage("io.shadowgate.rollout..")
            .should().dependOnClassesThat(projectClassesOutside("rollout", "config", "metrics", "compare"));

    /** The controller judges evidence and commands routers through interfaces; it never touches the network. */
    @ArchTest
    static final ArchRule rolloutDoesNoNettyIo = noClasses()
            .that().resideInAPackage("io.shadowgate.rollout..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    /** DESIGN: admin may use rollout, compare, metrics and config. */
    /** DESIGN: azure may use rollout (the TrafficRouter it implements) and config. */
    @ArchTest
    static final ArchRule azureUsesOnlyRolloutAndConfig = noClasses()
            .that().resideInAPackage("io.shadowgate.azure..")
            .should().dependOnClassesThat(projectClassesOutside("azure", "rollout", "config"));

    /** Everything that talks to Azure blocks: it must never be reachable from the proxy's event loops. */
    @ArchTest
    static final ArchRule azureDoesNoNettyIo = noClasses()
            .that().resideInAPackage("io.shadowgate.azure..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    @ArchTest
    static final ArchRule adminUsesOnlyRolloutCompareMetricsAndConfig = noClasses()
            .that().resideInAPackage("io.shadowgate.admin..")
            .should().dependOnClassesThat(projectClassesOutside("admin", "rollout", "compare", "metrics", "config"));

    @ArchTest
    static final ArchRule adminDoesNotKnowProxyMirrorAppOrAzure = noClasses()
            .that().resideInAPackage("io.shadowgate.admin..")
            .should().dependOnClassesThat().resideInAnyPackage("io.shadowgate.proxy..", "io.shadowgate.mirror..",
                    "io.shadowgate.app..", "io.shadowgate.azure..");

    @ArchTest
    static final ArchRule onlyAppDependsOnApp = noClasses()
            .that().resideOutsideOfPackage("io.shadowgate.app..")
            .should().dependOnClassesThat().resideInAPackage("io.shadowgate.app..");

    @ArchTest
    static final ArchRule onlyAppDependsOnTheSampleModel = noClasses()
            .that().resideOutsideOfPackages("io.shadowgate.app..", "io.shadowgate.sample..")
            .should().dependOnClassesThat().resideInAPackage("io.shadowgate.sample..");

    /** Standard streams are the CLI's user-facing output (and the sample model's); the rest logs with SLF4J. */
    @ArchTest
    static final ArchRule noStandardStreamsOutsideTheCli = noClasses()
            .that().resideOutsideOfPackages("io.shadowgate.app..", "io.shadowgate.sample..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS);

    @ArchTest
    static final ArchRule noPrintStackTraceAnywhere = noClasses()
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("Throwable.printStackTrace(..)") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTarget().getName().equals("printStackTrace")
                            && call.getTarget().getOwner().isAssignableTo(Throwable.class);
                }
            });

    /** The rules above would pass on an empty import; make sure they see the real packages. */
    @ArchTest
    static void theImportHoldsEveryPackageTheRulesTalkAbout(JavaClasses classes) {
        assertThat(classes.stream().map(JavaClass::getPackageName).distinct())
                .contains("io.shadowgate.config", "io.shadowgate.metrics", "io.shadowgate.proxy",
                        "io.shadowgate.admin", "io.shadowgate.app", "io.shadowgate.mirror", "io.shadowgate.compare",
                        "io.shadowgate.rollout");
        assertThat(classes.stream().map(JavaClass::getName))
                .as("test classes are not imported")
                .noneMatch(name -> name.endsWith("Test") || name.startsWith("io.shadowgate.testing."));
    }
}
