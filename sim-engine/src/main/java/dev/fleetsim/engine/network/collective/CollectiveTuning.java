package dev.fleetsim.engine.network.collective;

import java.util.Set;

/**
 * Constants of the collective model that are not properties of a GPU's links: the software
 * cost of one algorithm step, and how NVLink SHARP (NVLS) in-switch reduction performs. Link
 * efficiencies are not here; they come from each GPU type's {@code EfficiencySpec}.
 *
 * @param stepOverheadNs fixed cost of one algorithm step on top of the path latency
 *        (kernel-side synchronisation and protocol handshakes)
 * @param nvlsEfficiency fraction of a GPU's effective NVLink rate that NVLS transfers reach;
 *        the switch's reduction engines, not the links, bound NVLS
 * @param nvlsGpuTypes GPU catalogue names whose NVSwitch supports NVLS (Hopper and later)
 */
public record CollectiveTuning(long stepOverheadNs, double nvlsEfficiency, Set<String> nvlsGpuTypes) {

    /**
     * NCCL's per-step overhead for the Simple protocol is a few microseconds; 1 µs is used
     * because hop latencies are added separately. The NVLS efficiency 0.86 is fitted to the one
     * published H100 figure (nccl-tests #212: ~275 GB/s algbw on 8 GPUs), so the NVLS
     * validation test checks consistency, not an independent prediction.
     */
    public static CollectiveTuning defaults() {
        return new CollectiveTuning(1_000, 0.86, Set.of("H100-SXM", "H200", "B200"));
    }

    public CollectiveTuning {
        if (stepOverheadNs < 0) {
            throw new IllegalArgumentException("stepOverheadNs must not be negative, was " + stepOverheadNs);
        }
        if (!(nvlsEfficiency > 0 && nvlsEfficiency <= 1)) {
            throw new IllegalArgumentException("nvlsEfficiency must be in (0, 1], was " + nvlsEfficiency);
        }
        nvlsGpuTypes = Set.copyOf(nvlsGpuTypes);
    }
}
