package dev.fleetsim.calibration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark grids of {@code calibration/src/main/cuda} (gemm.cu, attention.cu, memory.cu,
 * nccl.cu), repeated here so that synthetic runs have the shapes and sizes a real run has; a
 * change to a grid there should be made here too (and the fixture regenerated).
 */
final class SyntheticGrids {
    private SyntheticGrids() {
    }

    static List<long[]> gemm(boolean quick, boolean fp32) {
        Set<List<Long>> seen = new LinkedHashSet<>();
        long[] squares = quick ? new long[] {512, 1024, 2048, 4096, 8192, 16384}
                : new long[] {256, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384};
        for (long s : squares) {
            if (!(fp32 && s > 8192)) {
                seen.add(List.of(s, s, s));
            }
        }
        for (long k : quick ? new long[] {256, 1024, 16384} : new long[] {256, 512, 1024, 2048, 8192, 16384}) {
            seen.add(List.of(4096L, 4096L, k));
        }
        for (long r : quick ? new long[] {1040, 3088, 5008} : new long[] {1040, 2064, 3088, 4112, 5008, 6160, 8208}) {
            seen.add(List.of(r, r, r));
        }
        if (!quick) {
            seen.add(List.of(4096L, 4160L, 4096L));
            seen.add(List.of(4160L, 4096L, 4096L));
            seen.add(List.of(4096L, 4112L, 4096L));
            seen.add(List.of(4144L, 4096L, 4144L));
        }
        for (long w : quick ? new long[] {2176} : new long[] {1408, 2176, 2944, 4480}) {
            seen.add(List.of(w, w, 4096L));
        }
        long[][] weights = quick ? new long[][] {{4096, 4096}, {28672, 4096}, {4096, 14336}}
                : new long[][] {{6144, 4096}, {4096, 4096}, {28672, 4096}, {4096, 14336}, {1280, 8192}, {8192, 1024}, {7168, 8192}, {8192, 3584}};
        for (long t : quick ? new long[] {16, 256, 4096} : new long[] {16, 64, 256, 1024, 4096, 16384}) {
            for (long[] w : weights) {
                seen.add(List.of(t, w[0], w[1]));
            }
        }
        if (!quick) {
            long[] cube = {256, 1024, 4096, 16384};
            for (long m : cube) {
                for (long n : cube) {
                    for (long k : cube) {
                        if (!(fp32 && m * n * k > 4096L * 4096 * 16384)) {
                            seen.add(List.of(m, n, k));
                        }
                    }
                }
            }
        }
        List<long[]> out = new ArrayList<>();
        seen.forEach(s -> out.add(new long[] {s.get(0), s.get(1), s.get(2)}));
        return out;
    }

    /** {batch, heads, seq, headDim}. */
    static List<long[]> attention(boolean quick) {
        List<long[]> out = new ArrayList<>();
        long[] seqs = quick ? new long[] {1024, 4096, 16384} : new long[] {512, 1024, 2048, 4096, 8192, 16384};
        long[] dims = quick ? new long[] {64, 128} : new long[] {64, 128, 256};
        for (long d : dims) {
            for (long s : seqs) {
                long b = Math.max(1, 16384 / s);
                out.add(new long[] {b, 2048 / d, s, d});
                if (!quick && b > 1 && d == 128) {
                    out.add(new long[] {1, 2048 / d, s, d});
                }
            }
        }
        return out;
    }

    static List<Long> memorySizes(boolean quick) {
        long mib = 1L << 20;
        if (quick) {
            return List.of(mib, 16 * mib, 256 * mib, 1024 * mib, 4096 * mib);
        }
        List<Long> out = new ArrayList<>();
        for (long s = mib; s <= 4096 * mib; s *= 2) {
            out.add(s);
        }
        return out;
    }

    static List<Long> hostSizes(boolean quick) {
        long mib = 1L << 20;
        return quick ? List.of(8L, 64L * 1024, 16 * mib, 256 * mib)
                : List.of(8L, 4096L, 64L * 1024, mib, 16 * mib, 64 * mib, 256 * mib, 1024 * mib);
    }

    static List<Long> p2pSizes(boolean quick) {
        long mib = 1L << 20;
        return quick ? List.of(8L, mib, 64 * mib, 512 * mib) : List.of(8L, 4096L, 64L * 1024, mib, 16 * mib, 256 * mib, 1024 * mib);
    }

    static List<Long> ncclSizes(boolean quick) {
        long hi = quick ? 1L << 30 : 4L << 30;
        List<Long> out = new ArrayList<>();
        for (long s = 8; s <= hi; s *= quick ? 4 : 2) {
            out.add(s);
        }
        if (quick && out.get(out.size() - 1) != hi) {
            out.add(hi);
        }
        return out;
    }
}
