package dev.fleetsim.report;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The report module sits between the engine and the front ends: it may use the engine's results
 * and JFreeChart, and knows no policy, command line, desktop, solver or UI toolkit, so the CLI and
 * the desktop app can both build on it. (That the engine never depends on it is the engine's
 * ArchitectureTest.)
 */
class ReportArchitectureTest {
    private static JavaClasses report;

    @BeforeAll
    static void importReport() {
        report = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fleetsim.report");
    }

    @Test
    void reportsUseOnlyTheEngineAndTheChartLibrary() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.fleetsim.report..", "dev.fleetsim.engine..",
                        "org.jfree..", "java..", "javax.imageio..")
                .because("charts and tables are built from results only; policies, front ends and solvers stay out")
                .check(report);
    }

    @Test
    void reportsAreNoFrontEnd() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.fleetsim.cli..", "dev.fleetsim.desktop..",
                "dev.fleetsim.policies..", "javafx..", "picocli..").check(report);
    }
}
