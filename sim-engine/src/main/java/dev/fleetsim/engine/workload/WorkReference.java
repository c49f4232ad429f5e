package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.Precision;

import java.util.Optional;

/**
 * What a trace generator's drawn durations are measured on, which fixes how much work a job
 * is: either reference hardware (the trace's own GPU by default) at a precision that GPU trains
 * in, or the scenario's own cluster ({@link #ON_CLUSTER}: durations are run times on the
 * cluster's ideal placement, the same job taking the same time whatever the GPU, as before
 * work was calibrated to hardware).
 *
 * @param hardware the reference servers, or empty for the cluster itself
 * @param precision the precision the reference GPU computes the job shape in (bf16 shapes on a
 *                  GPU without bf16 run in fp16 or fp32 there); empty for the cluster itself
 */
public record WorkReference(Optional<ReferenceHardware> hardware, Optional<Precision> precision) {

    /** Durations are run times on the scenario's own cluster. */
    public static final WorkReference ON_CLUSTER = new WorkReference(Optional.empty(), Optional.empty());

    /** What a scenario writes for {@link #ON_CLUSTER} in place of a GPU type. */
    public static final String CLUSTER = "cluster";

    public WorkReference {
        if (hardware.isPresent() != precision.isPresent()) {
            throw new IllegalArgumentException("reference hardware and its precision go together");
        }
    }

    public static WorkReference on(ReferenceHardware hardware, Precision precision) {
        return new WorkReference(Optional.of(hardware), Optional.of(precision));
    }

    public boolean onCluster() {
        return hardware.isEmpty();
    }

    /** The reference GPU type, or {@link #CLUSTER}. */
    public String gpuTypeName() {
        return hardware.map(ReferenceHardware::gpuType).orElse(CLUSTER);
    }

    /**
     * The precision a GPU with {@code supported} precisions trains a bf16 job shape in: bf16 when it
     * has it, else fp16 (mixed precision on tensor cores, V100), else tf32, else fp32 (Pascal P40,
     * whose fp16 runs at 1/64 rate and is not listed).
     */
    public static Optional<Precision> trainingPrecision(java.util.function.Predicate<Precision> supported) {
        for (Precision p : new Precision[] {Precision.BF16, Precision.FP16, Precision.TF32, Precision.FP32}) {
            if (supported.test(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
