package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kind of every shipped file, and of the files users give the wrong command by mistake. */
class FileKindTest {

    private static List<Path> yaml(String folder) throws IOException {
        try (Stream<Path> s = Files.list(RepositoryFiles.file(folder))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyShippedFileIsOfItsKind() throws IOException {
        for (Path p : yaml("scenarios")) {
            assertEquals(FileKind.SCENARIO, FileKind.of(p), p.toString());
        }
        for (Path p : yaml("scenarios/plans")) {
            assertEquals(FileKind.PLAN, FileKind.of(p), p.toString());
        }
        for (Path p : yaml("experiments")) {
            assertEquals(FileKind.EXPERIMENT, FileKind.of(p), p.toString());
        }
        for (Path p : yaml("sim-engine/src/main/resources/dev/fleetsim/engine/hardware/profiles")) {
            assertEquals(FileKind.HARDWARE_PROFILE, FileKind.of(p), p.toString());
        }
        try (Stream<Path> raw = Files.list(RepositoryFiles.file("calibration/fixtures/synthetic-h100-quick"))) {
            raw.filter(p -> p.toString().endsWith(".jsonl"))
                    .forEach(p -> assertEquals(FileKind.RAW_MEASUREMENTS, FileKind.of(p), p.toString()));
        }
    }

    @Test
    void filesOfNoKindAreLeftToTheCommandsReader(@TempDir Path tmp) throws IOException {
        assertEquals(FileKind.UNKNOWN, FileKind.of(tmp.resolve("missing.yaml")));
        assertEquals(FileKind.UNKNOWN, FileKind.of(tmp));
        assertEquals(FileKind.UNKNOWN, FileKind.of(Files.writeString(tmp.resolve("broken.yaml"), "scenario: [unclosed")));
        assertEquals(FileKind.UNKNOWN, FileKind.of(Files.write(tmp.resolve("bin.yaml"), new byte[] {(byte) 0x82, 0, (byte) 0xff})));
        assertEquals(FileKind.UNKNOWN, FileKind.of(Files.writeString(tmp.resolve("empty.yaml"), "")));
        assertEquals(FileKind.OTHER_DOCUMENT, FileKind.of(Files.writeString(tmp.resolve("list.yaml"), "- scenario: x")));
        assertEquals(FileKind.OTHER_DOCUMENT, FileKind.of(Files.writeString(tmp.resolve("typo.yaml"), "name: x\nclustr: {}\n")));
        // a plan is a plan by its base scenario and the lack of a cluster of its own, even with its other keys wrong
        assertEquals(FileKind.PLAN, FileKind.of(Files.writeString(tmp.resolve("p.yaml"), "name: p\nscenario: s.yaml\n")));
        assertEquals(FileKind.EXPERIMENT, FileKind.of(Files.writeString(tmp.resolve("e.json"),
                "{\"name\": \"e\", \"scenario\": \"s.yaml\", \"axes\": {}}")));
        assertEquals(FileKind.SCENARIO, FileKind.of(Files.writeString(tmp.resolve("s.json"), "{\"name\": \"s\", \"workload\": {}}")));
        assertEquals(FileKind.RUN_SUMMARY, FileKind.of(Files.writeString(tmp.resolve("summary.json"),
                "{\"scenario\": \"q\", \"counts\": {}, \"times\": {}, \"kernel\": {}}")));
    }
}
