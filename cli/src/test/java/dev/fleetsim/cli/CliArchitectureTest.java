package dev.fleetsim.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The command line is a thin client of the engine's façade: it names no policy class and none of
 * the engine's machinery (cluster state, kernel, run loop, models, loader), and assembles no
 * result folder itself; {@code estimate collective} too goes through the façade
 * ({@code Fleetsim.estimateCollective}), with no topology or network graph of its own.
 */
class CliArchitectureTest {
    private static JavaClasses cli;

    @BeforeAll
    static void importCli() {
        cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fleetsim.cli");
    }

    @Test
    void theCliReachesPoliciesOnlyThroughTheRegistry() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.fleetsim.policies..").check(cli);
    }

    @Test
    void theCliUsesTheFacadeNotTheMachinery() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.fleetsim.engine.cluster..",
                        "dev.fleetsim.engine.kernel..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.run.ClusterRun")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.run.PerformanceModels")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.perf.StepTimeModel")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.scenario.ScenarioLoader")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.scenario.ScenarioWriter")
                .check(cli);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.fleetsim.engine.topology.Topology")
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.fleetsim.engine.network.graph..",
                        "dev.fleetsim.engine.network.flow..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "dev.fleetsim.engine.network.collective.FlowCollectiveModel")
                .check(cli);
    }

    @Test
    void theCliDrawsThroughTheReportModule() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.jfree..")
                .because("charts and their theme live in dev.fleetsim.report, shared with the desktop app").check(cli);
    }

    @Test
    void theCliAssemblesNoResultFolder() {
        noClasses().should().callMethod(ResultWriter.class, "write", Path.class, RunSummary.class, List.class,
                TimeSeriesTable.class, List.class, String.class, Map.class).check(cli);
    }
}
