package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.faults.FaultSpec;
import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.scenario.Section.Listing;

/**
 * The keys of the {@code faults} section: mean times between failures by cause and repair
 * times, defaults from Llama 3's published interruptions ({@link FaultSpec#LLAMA3}). See
 * {@link ScenarioKeys} for how to add one.
 */
final class FaultKeys {

    /**
     * An MTBF of at least an hour: Llama 3's GPUs failed every 79,230 h, so an hour is already
     * 80,000 times worse; below it a run is an event storm of failures (a nanosecond MTBF never
     * ended) that no fleet would be run as.
     */
    static final long MIN_MTBF_NS = 3_600_000_000_000L;

    private FaultKeys() {
    }

    /** {@code faults}. */
    static final class Faults {
        static final Section<FaultSpec> SECTION = Section.of("faults", "the faults section", Listing.PARENS);
        static final Key<FaultSpec, Long> GPU_MTBF = SECTION.key("gpuMtbf", QuantityTypes.durationAtLeast(MIN_MTBF_NS, SimTime.MAX_NS))
                .byDefault(FaultSpec.LLAMA3.gpuMtbfNs()).get(FaultSpec::gpuMtbfNs)
                .doc("mean time between failures of one GPU (Llama 3: 268 GPU interruptions in 54 days on 16,384 GPUs)");
        static final Key<FaultSpec, Long> NODE_MTBF = SECTION.key("nodeMtbf", QuantityTypes.durationAtLeast(MIN_MTBF_NS, SimTime.MAX_NS))
                .byDefault(FaultSpec.LLAMA3.nodeMtbfNs()).get(FaultSpec::nodeMtbfNs)
                .doc("of one node's host, software and maintenance (Llama 3: 116 in 54 days on 2,048 nodes)");
        static final Key<FaultSpec, Long> LINK_MTBF = SECTION.key("linkMtbf", QuantityTypes.durationAtLeast(MIN_MTBF_NS, SimTime.MAX_NS))
                .byDefault(FaultSpec.LLAMA3.linkMtbfNs()).get(FaultSpec::linkMtbfNs)
                .doc("of one node's scale-out links, NIC to switch port (Llama 3: 35 in 54 days on 2,048 nodes)");
        static final Key<FaultSpec, Long> GPU_REPAIR = SECTION.key("gpuRepair", QuantityTypes.duration(false, 365 * ScenarioKeys.DAY_NS))
                .byDefault(FaultSpec.LLAMA3.gpuRepairNs()).get(FaultSpec::gpuRepairNs)
                .doc("time a node with a failed GPU is out of service (assumption)");
        static final Key<FaultSpec, Long> NODE_REPAIR = SECTION.key("nodeRepair", QuantityTypes.duration(false, 365 * ScenarioKeys.DAY_NS))
                .byDefault(FaultSpec.LLAMA3.nodeRepairNs()).get(FaultSpec::nodeRepairNs)
                .doc("time a node with a failed host is out (assumption)");
        static final Key<FaultSpec, Long> LINK_REPAIR = SECTION.key("linkRepair", QuantityTypes.duration(false, 365 * ScenarioKeys.DAY_NS))
                .byDefault(FaultSpec.LLAMA3.linkRepairNs()).get(FaultSpec::linkRepairNs)
                .doc("time a node with a failed link is out (assumption)");

        private Faults() {
        }
    }

    /** The section under {@code c}: {@link FaultSpec#NONE} when absent; null on a problem (reported). */
    static FaultSpec read(Cursor c) {
        if (!c.present()) {
            return FaultSpec.NONE;
        }
        int mark = c.mark();
        if (!c.map(Faults.SECTION)) {
            return null;
        }
        Long gpu = Faults.GPU_MTBF.read(c);
        Long node = Faults.NODE_MTBF.read(c);
        Long link = Faults.LINK_MTBF.read(c);
        Long gpuRepair = Faults.GPU_REPAIR.read(c);
        Long nodeRepair = Faults.NODE_REPAIR.read(c);
        Long linkRepair = Faults.LINK_REPAIR.read(c);
        return c.cleanSince(mark) ? new FaultSpec(gpu, node, link, gpuRepair, nodeRepair, linkRepair) : null;
    }
}
