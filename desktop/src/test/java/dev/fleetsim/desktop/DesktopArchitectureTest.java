package dev.fleetsim.desktop;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The desktop's shape as rules: view models (and the models under them) import no
 * {@code javafx.scene}, so they are tested without JavaFX; chart factories and tables are
 * headless (no JavaFX at all), ready for the shared report module; the desktop reaches the
 * engine through its façade, not its machinery, and policies only through the registry; and the
 * engine knows nothing of the desktop.
 */
class DesktopArchitectureTest {
    private static JavaClasses desktop;
    private static JavaClasses engine;

    @BeforeAll
    static void importClasses() {
        desktop = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fleetsim.desktop");
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fleetsim.engine");
    }

    /** Classes of a screen's model: everything in a screen's package but its views (and their inner classes). */
    private static final DescribedPredicate<JavaClass> MODEL = DescribedPredicate.describe("are not views", c -> {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return !outer.getSimpleName().endsWith("View");
    });

    @Test
    void viewModelsImportNoJavafxScene() {
        noClasses().that().resideInAnyPackage("..desktop.editor", "..desktop.results", "..desktop.run", "..desktop.compare",
                        "..desktop.plan")
                .and(MODEL)
                .or().haveSimpleNameEndingWith("ViewModel")
                .or().haveSimpleName("DesktopSession")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("a view model is tested with plain JUnit, without starting JavaFX")
                .check(desktop);
    }

    @Test
    void chartsAndTablesAreHeadless() {
        noClasses().that().resideInAnyPackage("..desktop.chart..", "..desktop.table..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("chart factories draw headless (PNG, SVG) and move to the shared report module")
                .check(desktop);
    }

    @Test
    void theDesktopUsesTheFacadeNotTheMachinery() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.fleetsim.engine.cluster..",
                        "dev.fleetsim.engine.kernel..", "dev.fleetsim.engine.network..", "dev.fleetsim.engine.perf..",
                        "dev.fleetsim.policies..", "dev.fleetsim.cli..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.run.ClusterRun")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.run.PerformanceModels")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.topology.Topology")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.scenario.ScenarioLoader")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.scenario.ScenarioWriter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.metrics.ResultWriter")
                .because("the desktop is a thin client of the engine's façade, like the command line")
                .check(desktop);
    }

    @Test
    void theEngineNeverDependsOnTheDesktop() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.fleetsim.desktop..").check(engine);
    }
}
