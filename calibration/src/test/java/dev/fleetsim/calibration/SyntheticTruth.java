package dev.fleetsim.calibration;

import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.CollectiveCurve;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.GemmTile;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.LinkCurve;
import dev.fleetsim.engine.hardware.MemoryCurve;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.hardware.ProfileIdentity;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The known profile synthetic runs are generated from: H100-SXM-like numbers, deliberately
 * different from the shipped defaults so a fit that returned the defaults would fail.
 */
public final class SyntheticTruth {
    private SyntheticTruth() {
    }

    static GemmCurve gemm(double maxEff, double kHalf, int k, double e128, double e64x128, double e128x64, double e64) {
        return new GemmCurve(maxEff, List.of(new GemmTile(128, 256, k, 1), new GemmTile(256, 128, k, 1),
                new GemmTile(128, 128, k, e128), new GemmTile(64, 128, k, e64x128), new GemmTile(128, 64, k, e128x64),
                new GemmTile(64, 64, k, e64)), kHalf, "synthetic truth");
    }

    public static HardwareProfile h100() {
        Map<Precision, GemmCurve> gemm = new EnumMap<>(Precision.class);
        gemm.put(Precision.FP32, gemm(0.86, 40, 32, 0.95, 0.8, 0.8, 0.6));
        gemm.put(Precision.TF32, gemm(0.78, 96, 32, 0.9, 0.72, 0.72, 0.5));
        gemm.put(Precision.BF16, gemm(0.83, 150, 64, 0.92, 0.74, 0.74, 0.55));
        gemm.put(Precision.FP16, gemm(0.84, 140, 64, 0.92, 0.74, 0.74, 0.55));
        // fp8 split accumulator 1.15x, off the shipped Hopper 1.1, so a fit that kept the default would show
        gemm.put(Precision.FP8, gemm(0.72, 300, 128, 0.9, 0.7, 0.7, 0.5).withSplitAccumulation(1.15));
        Map<AttentionKernel, Map<Precision, AttentionCurve>> attention = new EnumMap<>(AttentionKernel.class);
        Map<Precision, AttentionCurve> fa3 = new EnumMap<>(Precision.class);
        fa3.put(Precision.BF16, new AttentionCurve(0.61, 420, 128, 48, 0.85, "synthetic truth"));
        attention.put(AttentionKernel.FLASH3, fa3);
        MemoryCurve memory = new MemoryCurve(0.905, 0.93, 0.915, 0.91, 0.91, 0.93, "synthetic truth");
        Map<String, LinkCurve> links = new LinkedHashMap<>();
        links.put("nvlinkPeer", new LinkCurve(2200, 385e9, "synthetic truth"));
        links.put("pcieHostToDevicePinned", new LinkCurve(9000, 54e9, "synthetic truth"));
        links.put("pcieDeviceToHostPinned", new LinkCurve(8000, 55.5e9, "synthetic truth"));
        links.put("pcieHostToDevicePageable", new LinkCurve(15000, 22e9, "synthetic truth"));
        links.put("pcieDeviceToHostPageable", new LinkCurve(14000, 19e9, "synthetic truth"));
        Map<String, Map<String, CollectiveCurve>> collectives = new LinkedHashMap<>();
        double[][] c = {{25000, 362e9}, {15000, 358e9}, {15500, 352e9}, {30000, 305e9}, {10000, 340e9}};
        String[] ops = {"allReduce", "allGather", "reduceScatter", "allToAll", "sendRecv"};
        for (int i = 0; i < ops.length; i++) {
            collectives.put(ops[i], Map.of("intraNode", new CollectiveCurve((long) c[i][0], c[i][1], OptionalInt.of(8), "synthetic truth")));
        }
        return new HardwareProfile("H100-SXM", ProfileIdentity.defaults("synthetic H100", 132, "synthetic truth"), gemm, attention,
                memory, links, collectives, 2600, Map.of());
    }
}
