package dev.fleetsim.engine.metrics;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.kernel.Beside;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** jobs.csv written in two halves on two threads ({@link Beside}) is the string {@link ResultWriter#jobsCsv} makes, byte for byte. */
class JobsCsvHalvesTest {

    @Test
    void jobsCsvInTwoHalvesIsTheSameBytes() throws Exception {
        Fleetsim fleetsim = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).build();
        RunResult run = fleetsim.run(fleetsim.validate(Files.readString(RepositoryFiles.file("scenarios/quickstart.yaml"))
                .replace("name: fifo", "name: in-order"), "quickstart.yaml").orThrow(), SimulationObserver.NONE);
        List<JobRecord> many = new ArrayList<>();
        while (many.size() < Beside.MIN_ITEMS + 3) {
            many.addAll(run.jobs());
        }
        for (List<JobRecord> jobs : List.of(many, new LinkedList<>(many), run.jobs(), List.<JobRecord>of())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ResultWriter.writeJobsCsv(out, jobs);
            assertEquals(ResultWriter.jobsCsv(jobs), out.toString(StandardCharsets.UTF_8));
        }
    }
}
