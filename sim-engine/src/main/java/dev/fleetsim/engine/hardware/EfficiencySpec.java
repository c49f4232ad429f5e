package dev.fleetsim.engine.hardware;

/**
 * Fractions of datasheet peaks that real kernels and collectives reach on a GPU type.
 * Defaults come from the hardware catalogue; a calibration run replaces them with fitted values.
 *
 * @param matmul fraction of peak dense FLOP/s a large GEMM reaches
 * @param memory fraction of HBM bandwidth a streaming (element-wise) kernel reaches
 * @param nvlink fraction of per-direction NVLink bandwidth a ring collective reaches
 * @param nic fraction of NIC line rate a collective reaches across nodes
 */
public record EfficiencySpec(double matmul, double memory, double nvlink, double nic) {
    public EfficiencySpec {
        check("matmul", matmul);
        check("memory", memory);
        check("nvlink", nvlink);
        check("nic", nic);
    }

    private static void check(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException("efficiency " + name + " must be in (0, 1], was " + v);
        }
    }
}
