package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

class ScratchTest {
    @Test
    void scratch() throws Exception {
        ServiceSpec s = ServingFixtures.service("chat", ServingFixtures.model("llama2-7b"), 1, 2,
                ServingFixtures.poisson(Double.parseDouble(System.getProperty("rate", "10")), Long.getLong("count", 2000),
                        LengthSpec.lognormal(512, 1, 1, 4000), LengthSpec.lognormal(256, 1, 1, 3000)));
        var spec = ServingFixtures.scenario(ServingFixtures.h100(1), List.of(s), List.of(), ServingFixtures.fifo());
        long t0 = System.nanoTime();
        RunResult r = ServingFixtures.run(spec);
        System.out.println("wall " + (System.nanoTime() - t0) / 1e9);
        System.out.println(ResultWriter.summaryJson(r.summary()));
    }
}
