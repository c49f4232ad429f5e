package dev.fleetsim.calibration;

import dev.fleetsim.calibration.fit.ProfileFitter;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.calibration.raw.RawFile;
import dev.fleetsim.calibration.raw.RawReader;
import dev.fleetsim.engine.hardware.HardwareProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every raw run checked in under {@code calibration/fixtures/} (the synthetic one today; a real
 * one from a GPU node when it is recorded, docs/CALIBRATION.md "Recording a real fixture") reads,
 * fits into a complete profile, and is labelled for what it is: a folder named {@code synthetic-*}
 * is marked synthetic in every identity line and its profile says SYNTHETIC; any other folder is a
 * measurement, marked nowhere as synthetic, with a README naming the device.
 */
class FixturesTest {

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(RepoPaths.root().resolve("calibration/fixtures"))) {
            return s.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsFitsAndSaysWhatItIs(Path dir) throws IOException {
        boolean named = dir.getFileName().toString().startsWith("synthetic-");
        assertTrue(Files.isRegularFile(dir.resolve("README.md")), dir + " needs a README.md: device, date, command");
        RawData raw = RawReader.read(List.of(dir));
        assertFalse(raw.files().isEmpty(), dir + " has no raw files");
        for (RawFile f : raw.files()) {
            assertEquals(named, f.identity().synthetic().isPresent(),
                    f.path() + (named ? " is in a synthetic-* folder but not marked synthetic" : " is marked synthetic outside a synthetic-* folder"));
        }
        String readme = Files.readString(dir.resolve("README.md"));
        assertEquals(named, readme.contains("SYNTHETIC"), dir + "/README.md must say SYNTHETIC exactly when the data is");
        HardwareProfile p = ProfileFitter.fit(raw, ProfileFitter.Options.defaults()).profile();
        assertEquals("calibration", p.identity().source());
        assertEquals(named, p.identity().notes().orElse("").contains("SYNTHETIC"), p.identity().notes().toString());
        assertTrue(readme.contains(raw.identity().devices().get(0).name()), dir + "/README.md names the device");
    }
}
