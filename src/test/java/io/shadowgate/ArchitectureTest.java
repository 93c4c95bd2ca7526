package io.shadowgate;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.shadowgate.proxy.MirrorSink;
import io.shadowgate.proxy.PrimaryObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The package arrows of DESIGN.md, stated exactly: {@link #MAY_USE} lists, for every package of
 * the gateway, the project packages it may depend on, and nothing else is allowed. A rule failing
 * here means the design is leaking, and the fix is in the design, not in an exception. A new
 * package fails {@link #everyPackageStatesItsArrows} until it is given a row.
 */
@AnalyzeClasses(packages = "io.shadowgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String BASE = "io.shadowgate";

    /** Package (below io.shadowgate) -> the project packages it may use besides itself. */
    static final Map<String, List<String>> MAY_USE = Map.ofEntries(
            entry("config", List.of()),
            entry("compare", List.of("config")),
            entry("net", List.of("config")),
            entry("metrics", List.of("config", "compare")),
            entry("evidence", List.of("compare", "config")),
            entry("proxy", List.of("config", "metrics", "net")),
            // and from proxy only the two seams it implements, MirrorSink and PrimaryObserver (see arrowsOf)
            entry("mirror", List.of("config", "metrics", "compare", "evidence", "net")),
            entry("rollout", List.of("config", "compare", "evidence")),
            entry("rollout.run", List.of("rollout", "config", "metrics")),
            entry("azure", List.of("rollout", "config")),
            entry("admin", List.of("rollout", "rollout.run", "compare", "evidence", "metrics", "config")),
            entry("sample", List.of("net", "config")),
            entry("gateway", List.of("config", "compare", "net", "metrics", "evidence", "proxy", "mirror", "rollout",
                    "rollout.run", "azure", "admin")),
            entry("demo", List.of("gateway", "sample", "rollout", "metrics", "config")),
            entry("app", List.of("gateway", "demo", "sample", "azure", "config")));

    private static String[] packages(Stream<String> names) {
        return names.map(name -> BASE + "." + name).toArray(String[]::new);
    }

    private static ArchRule arrowsOf(String pkg) {
        List<String> allowed = new ArrayList<>(MAY_USE.get(pkg));
        allowed.add(pkg);
        DescribedPredicate<JavaClass> allowedClasses = resideInAnyPackage(packages(allowed.stream()));
        if (pkg.equals("mirror")) {
            allowedClasses = allowedClasses.or(belongToAnyOf(MirrorSink.class, PrimaryObserver.class));
        }
        DescribedPredicate<JavaClass> forbidden = resideInAPackage(BASE + "..")
                .and(DescribedPredicate.not(allowedClasses)).as("project classes outside of " + allowed);
        return noClasses().that().resideInAPackage(BASE + "." + pkg).should().dependOnClassesThat(forbidden)
                .allowEmptyShould(true);
    }

    @ArchTest
    static void everyPackageUsesOnlyWhatItsRowAllows(JavaClasses classes) {
        List<String> failures = new ArrayList<>();
        for (String pkg : MAY_USE.keySet()) {
            EvaluationResult result = arrowsOf(pkg).evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        assertThat(failures).as("package arrows").isEmpty();
    }

    @ArchTest
    static void everyPackageStatesItsArrows(JavaClasses classes) {
        List<String> packages = classes.stream().map(JavaClass::getPackageName).distinct()
                .filter(name -> name.startsWith(BASE + ".")).map(name -> name.substring(BASE.length() + 1))
                .sorted().collect(Collectors.toList());
        assertThat(MAY_USE.keySet()).as("packages with a row in MAY_USE").containsExactlyInAnyOrderElementsOf(packages);
    }

    @ArchTest
    static final ArchRule compareIsPureAndDoesNoNettyIo = noClasses()
            .that().resideInAnyPackage(BASE + ".compare", BASE + ".evidence")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    /** The rollout judges evidence and commands routers through interfaces; it never touches the network. */
    @ArchTest
    static final ArchRule rolloutDoesNoNettyIo = noClasses()
            .that().resideInAPackage(BASE + ".rollout..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    /** The rollout's core is pure: files, HTTP and threads belong to rollout.run. */
    @ArchTest
    static final ArchRule rolloutCoreDoesNoIo = noClasses()
            .that().resideInAPackage(BASE + ".rollout")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net.http..", "java.io..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.util.concurrent.Executor.class,
                    java.util.concurrent.ExecutorService.class, Thread.class);

    /** Everything that talks to Azure blocks: it must never be reachable from the proxy's event loops. */
    @ArchTest
    static final ArchRule azureDoesNoNettyIo = noClasses()
            .that().resideInAPackage(BASE + ".azure..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    /** Meters are registered in one place: elsewhere a recorder is handed in. */
    @ArchTest
    static final ArchRule metersAreRegisteredOnlyInMetrics = noClasses()
            .that().resideOutsideOfPackage(BASE + ".metrics")
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("a meter's register(..)") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTarget().getName().equals("register")
                            && call.getTarget().getOwner().getPackageName().startsWith("io.micrometer.core.instrument");
                }
            });

    /** Standard streams are the CLI's user-facing output (and the sample model's and the demo's); the rest logs. */
    @ArchTest
    static final ArchRule noStandardStreamsOutsideTheCli = noClasses()
            .that().resideOutsideOfPackages(BASE + ".app", BASE + ".sample", BASE + ".demo")
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
                .contains(packages(MAY_USE.keySet().stream()));
        assertThat(classes.stream().map(JavaClass::getName))
                .as("test classes are not imported")
                .noneMatch(name -> name.endsWith("Test") || name.startsWith("io.shadowgate.testing."));
    }
}
