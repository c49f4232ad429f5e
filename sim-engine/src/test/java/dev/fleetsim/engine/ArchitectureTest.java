package dev.fleetsim.engine;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.fleetsim.engine.testing.RepositoryFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The architecture as rules that fail the build (docs/ARCHITECTURE.md, "Package layering"): the
 * engine depends on no policy, front end, report, chart library, UI toolkit or solver; its
 * packages form layers and import only downwards; no main class of any module passes 400 lines.
 */
class ArchitectureTest {

    /**
     * The engine's top-level packages, bottom layer first. A package may import packages of lower
     * layers only (never one of its own layer or above); a new package must be placed here.
     */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("kernel", "faults", "files"),
            Set.of("hardware"),
            Set.of("pricing"),
            Set.of("topology"),
            Set.of("workload", "network"),
            Set.of("perf", "cluster", "metrics", "observe"),
            Set.of("scenario", "serving"),
            Set.of("scheduling"),
            Set.of("run"),
            Set.of("experiment"),
            Set.of("compare"),
            Set.of("(façade)"));

    /** Known upward imports, each to be removed by the work named (none left: the hardware package parses its catalogue). */
    static final Set<String> KNOWN = Set.of();

    static final int MAX_LINES = 400;

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fleetsim.engine");
    }

    @Test
    void theEngineKnowsNoPolicyFrontEndChartUiOrSolver() {
        noClasses().that().resideInAPackage("dev.fleetsim.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.fleetsim.policies..", "dev.fleetsim.cli..",
                        "dev.fleetsim.desktop..", "dev.fleetsim.report..", "dev.fleetsim.planner..",
                        "dev.fleetsim.calibration..", "dev.fleetsim.spark..", "dev.fleetsim.bench..",
                        "org.jfree..", "javafx..", "java.awt..", "javax.swing..", "javax.imageio..", "picocli..",
                        "org.optaplanner..", "org.kie..", "org.drools..", "org.apache.spark..")
                .because("arrows point one way: front ends and policies depend on the engine, never the reverse")
                .check(engine);
    }

    @Test
    void enginePackagesImportOnlyDownwards() {
        Set<String> violations = new TreeSet<>();
        Set<String> unplaced = new TreeSet<>();
        for (JavaClass c : engine) {
            String from = layerPackage(c.getPackageName());
            if (rank(from) < 0) {
                unplaced.add(from);
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String targetPackage = d.getTargetClass().getPackageName();
                if (!targetPackage.startsWith("dev.fleetsim.engine")) {
                    continue;
                }
                String to = layerPackage(targetPackage);
                if (to.equals(from)) {
                    continue;
                }
                String edge = c.getName().replaceAll("\\$.*", "") + " -> dev.fleetsim.engine." + to;
                if (rank(to) >= rank(from) && !KNOWN.contains(edge)) {
                    violations.add(from + " (layer " + rank(from) + ") imports " + to + " (layer " + rank(to) + "): "
                            + c.getSimpleName() + " uses " + d.getTargetClass().getName());
                }
            }
        }
        assertEquals(Set.of(), unplaced, "engine packages missing from ArchitectureTest.LAYERS");
        assertEquals(Set.of(), violations, "upward or sideways imports between engine packages");
    }

    @Test
    void theKnownExceptionsAreStillNeeded() {
        // When the exception's import is gone, drop it from KNOWN so the rule is whole again.
        Set<String> seen = new TreeSet<>();
        for (JavaClass c : engine) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                if (d.getTargetClass().getPackageName().startsWith("dev.fleetsim.engine")) {
                    seen.add(c.getName().replaceAll("\\$.*", "") + " -> dev.fleetsim.engine."
                            + layerPackage(d.getTargetClass().getPackageName()));
                }
            }
        }
        for (String k : KNOWN) {
            assertEquals(true, seen.contains(k), "no longer needed, remove from KNOWN: " + k);
        }
    }

    @Test
    void noMainClassPassesFourHundredLines() throws IOException {
        Path root = RepositoryFiles.root();
        Map<String, Long> tooLong = new LinkedHashMap<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').matches("[^/]+/src/main/java/.*"))
                    .sorted().forEach(sources::add);
        }
        for (Path p : sources) {
            long lines;
            try (Stream<String> s = Files.lines(p)) {
                lines = s.count();
            }
            if (lines > MAX_LINES) {
                tooLong.put(root.relativize(p).toString(), lines);
            }
        }
        assertEquals(true, sources.size() > 100, "found the sources of every module: " + sources.size());
        assertEquals(Map.of(), tooLong, "classes over " + MAX_LINES + " lines: split them");
    }

    /** {@code scenario} for {@code dev.fleetsim.engine.scenario}, {@code network} for {@code ...network.flow}. */
    static String layerPackage(String packageName) {
        if (packageName.equals("dev.fleetsim.engine")) {
            return "(façade)";
        }
        String rest = packageName.substring("dev.fleetsim.engine.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static int rank(String layerPackage) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(layerPackage)) {
                return i;
            }
        }
        return -1;
    }
}
