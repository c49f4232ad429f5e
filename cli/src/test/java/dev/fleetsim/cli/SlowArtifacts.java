package dev.fleetsim.cli;

import dev.fleetsim.engine.ResultArtifacts;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.run.RunResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A result artifact for the interrupt tests: when {@code -Dfleetsim.test.writing} names a file,
 * writing {@code slow-1.txt} touches it and then takes up to three seconds (until Ctrl-C), and {@code slow-2.txt}
 * follows, so a test can interrupt the command while results are being written. Otherwise it
 * writes nothing. Registered only on the class path the tests give a child JVM.
 */
public final class SlowArtifacts implements ResultArtifacts {

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public Map<String, AtomicFiles.Content> forRun(RunResult result) {
        String marker = System.getProperty("fleetsim.test.writing");
        if (marker == null) {
            return Map.of();
        }
        CtrlCSeen.watch();
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        out.put("slow-1.txt", stream -> {
            Files.writeString(Path.of(marker), "writing\n");
            CtrlCSeen.sleepUnlessSeen(3_000);
            stream.write("one\n".getBytes(StandardCharsets.UTF_8));
        });
        out.put("slow-2.txt", stream -> stream.write("two\n".getBytes(StandardCharsets.UTF_8)));
        return out;
    }
}
