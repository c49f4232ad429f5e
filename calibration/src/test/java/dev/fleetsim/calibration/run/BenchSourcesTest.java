package dev.fleetsim.calibration.run;

import dev.fleetsim.calibration.RepoPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BenchSourcesTest {

    @Test
    void theJarCarriesExactlyTheCudaSources() throws IOException {
        Path dir = RepoPaths.root().resolve("calibration/src/main/cuda");
        List<String> onDisk;
        try (Stream<Path> s = Files.list(dir)) {
            onDisk = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(onDisk, BenchSources.FILES.stream().sorted().toList(), "BenchSources.FILES must list every file of " + dir);
        Map<String, byte[]> loaded = BenchSources.load();
        for (String f : onDisk) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), loaded.get(f), f + " in the jar differs from the source");
        }
    }
}
