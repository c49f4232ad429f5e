package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.RequestRecord;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One replica, one request: the latencies are the model's iteration times, added up by hand. */
class OneRequestTest {

    @Test
    void ttftIsThePrefillAndE2eAddsOneDecodeStepPerToken() {
        int prompt = 512;
        int output = 128;
        ServiceSpec s = ServingFixtures.service("chat", ServingFixtures.model("llama2-7b"), 1, 1,
                ServingFixtures.poisson(1, 1, LengthSpec.fixed(prompt), LengthSpec.fixed(output)));
        var spec = ServingFixtures.scenario(ServingFixtures.h100(1), List.of(s), List.of(), ServingFixtures.fifo());
        RunResult r = ServingFixtures.run(spec);
        RequestRecord req = r.services().get(0).requests().get(0);

        Topology topology = Topology.build(spec.cluster(), HardwareCatalog.defaults());
        ServingModel m = ServingModel.of(s, topology.gpuSpecOf(0), new AnalyticCollectiveModel(topology), new int[] {0});
        // The prefill: 512 tokens, 512·513/2 query-key pairs, no prior context, one sequence samples.
        long prefillNs = ceilNs(m.iterationSeconds(0, 0, prompt, prompt * (prompt + 1) / 2.0, 0, 1));
        // Decode step k (k = 1 .. 127) attends over prompt + k tokens.
        long decodeNs = 0;
        for (int k = 1; k < output; k++) {
            decodeNs += ceilNs(m.iterationSeconds(1, prompt + k, 0, 0, 0, 1));
        }
        assertEquals(prefillNs, req.ttftNs());
        assertEquals(prefillNs + decodeNs, req.e2eNs());
        assertEquals(1, r.summary().services().get(0).requests().finished());
    }

    private static long ceilNs(double seconds) {
        return (long) Math.ceil(seconds * 1e9);
    }
}
