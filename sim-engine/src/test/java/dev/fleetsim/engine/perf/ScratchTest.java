package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.*;
import org.junit.jupiter.api.Test;
import java.util.Optional;

class ScratchTest {
    @Test
    void layer() {
        GpuSpec a100 = HardwareCatalog.defaults().get("A100-80GB");
        ModelSpec m = ModelSpec.gpt("22b", 48, 6144, 64, 51200, 2048);
        for (Recompute r : Recompute.values()) {
            for (boolean sp : new boolean[] {false, true}) {
                TrainingJobSpec job = new TrainingJobSpec("x", m, Precision.FP16, 4, 4, new ParallelismSpec(8, 1, 1, 1), r, 0, 0, false, 1, 0, "t", 0, Optional.empty());
                job = job.withOptions(job.options().withSequenceParallel(sp));
                KernelCosts k = new KernelCosts(a100);
                LayerCompute lc = new LayerCompute(job, k);
                LayerTimes t = lc.layer(false, false);
                System.out.printf("%s sp=%s fwd %.2f bwd %.2f replay %.2f total %.2f ms  (gemm f %.2f attn f %.2f mem f %.2f)%n", r, sp,
                        t.forward().totalS()*1e3, t.backward().totalS()*1e3, t.replay().totalS()*1e3, t.totalS()*1e3,
                        t.forward().gemmS()*1e3, t.forward().attentionS()*1e3, t.forward().memoryBoundS()*1e3);
            }
        }
    }
}
