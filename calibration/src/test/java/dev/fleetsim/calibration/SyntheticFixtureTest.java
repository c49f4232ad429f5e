package dev.fleetsim.calibration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checked-in fixture {@code calibration/fixtures/synthetic-h100-quick} is exactly what
 * {@link SyntheticRun} generates for seed {@value #SEED} on the quick grid; regenerate it on
 * purpose with {@code -Dfleetsim.regenerateFixtures=true}.
 */
class SyntheticFixtureTest {
    static final long SEED = 42;

    @TempDir
    Path tmp;

    @Test
    void checkedInFixtureIsTheGeneratorsOutput() throws IOException {
        Path fixture = RepoPaths.syntheticFixture();
        if (Boolean.getBoolean("fleetsim.regenerateFixtures")) {
            SyntheticRun.write(fixture, SyntheticTruth.h100(), SEED, true);
        }
        SyntheticRun.write(tmp, SyntheticTruth.h100(), SEED, true);
        List<Path> expected = list(tmp);
        List<Path> actual = list(fixture);
        assertEquals(expected.stream().map(p -> p.getFileName().toString()).toList(),
                actual.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Files.readString(expected.get(i)), Files.readString(actual.get(i)),
                    actual.get(i) + " differs from the generator's output; regenerate with -Dfleetsim.regenerateFixtures=true");
        }
        for (Path p : actual) {
            assertTrue(Files.readAllLines(p).get(0).contains("\"synthetic\":{\"generator\""), p + " is not marked synthetic");
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }
}
