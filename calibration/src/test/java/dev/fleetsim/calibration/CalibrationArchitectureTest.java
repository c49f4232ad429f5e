package dev.fleetsim.calibration;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.fleetsim.report.FitChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The calibration module measures and fits; it writes profiles through the engine's hardware
 * records and describes its charts as the report module's {@link FitChart}, and knows no chart
 * library, front end or policy, so the desktop app can use it as the CLI does.
 */
class CalibrationArchitectureTest {
    private static JavaClasses calibration;

    @BeforeAll
    static void importCalibration() {
        calibration = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fleetsim.calibration");
    }

    @Test
    void calibrationUsesTheEngineTheFitterAndJsonOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.fleetsim.calibration..", "dev.fleetsim.engine..",
                        "dev.fleetsim.report..", "org.apache.commons.math3..", "com.fasterxml.jackson..", "java..")
                .check(calibration);
    }

    @Test
    void itDescribesChartsAndDrawsNone() {
        DescribedPredicate<JavaClass> reportButTheSpec = JavaClass.Predicates.resideInAPackage("dev.fleetsim.report..")
                .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(FitChart.class)));
        noClasses().should().dependOnClassesThat(reportButTheSpec).orShould().dependOnClassesThat()
                .resideInAnyPackage("org.jfree..", "java.awt..", "javax.imageio..", "dev.fleetsim.cli..", "dev.fleetsim.desktop..",
                        "dev.fleetsim.policies..", "picocli..", "javafx..")
                .check(calibration);
    }
}
