package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FP8 casts of gathered and local tensors, with the byte counts written out. */
class Fp8CastsTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");
    private static final KernelCosts K = new KernelCosts(H100);
    /** One 8192-token micro-batch of a hidden size 8192: 67.1 M elements, far above the launch floor. */
    private static final double ROWS = 8192;
    private static final double COLS = 8192;

    private static double bytesS(double bytes) {
        return K.elementwise(bytes);
    }

    /** H100's launch floor: 4 us, the least any kernel takes. */
    private static final double LAUNCH_S = 4e-6;

    @Test
    void aLocalTensorIsReadTwiceWithCurrentScalingAndWrittenWithItsTranspose() {
        double e = ROWS * COLS;
        // Current scaling: amax reduction (read 2) + cast (read 2, FP8 copy 1, transpose 1) = 6 bytes an element,
        // plus the one-thread zero-amax and compute-scale kernels at the launch floor.
        assertEquals(K.reduction(2 * e) + bytesS(4 * e) + 2 * LAUNCH_S, new Fp8Casts(K, true, 4, true).local(e), 1e-15);
        // Delayed scaling: no amax pass, 4 bytes an element.
        assertEquals(bytesS(4 * e), new Fp8Casts(K, false, 4, true).local(e), 1e-15);
    }

    @Test
    void aGatheredTensorIsCastOnItsShardRowWiseAndTransposedAfterTheGather() {
        Fp8Casts cs = new Fp8Casts(K, true, 4, true);
        double[] t = cs.tensor(ROWS, COLS, true, true);
        // Shard of 8192/4 rows: amax 2 + cast read 2 + row-wise copy 1 = 5 bytes an element, and the two scale kernels.
        assertEquals(K.reduction(2 * ROWS / 4 * COLS) + bytesS(3 * ROWS / 4 * COLS) + 2 * LAUNCH_S, t[0], 1e-15);
        // Backward: the gathered FP8 copy read and written transposed, 2 bytes an element of the whole tensor.
        assertEquals(bytesS(2 * ROWS * COLS), t[1], 1e-15);
        // A frozen weight has no weight-gradient GEMM, so no transpose.
        assertEquals(0.0, cs.tensor(ROWS, COLS, true, false)[1]);
    }

    @Test
    void withoutSequenceParallelismOrAtTp1NothingIsGathered() {
        double local = new Fp8Casts(K, true, 1, true).local(ROWS * COLS);
        for (Fp8Casts c : new Fp8Casts[] {new Fp8Casts(K, true, 1, true), new Fp8Casts(K, true, 8, false)}) {
            double[] t = c.tensor(ROWS, COLS, true, true);
            assertEquals(local, t[0], 1e-15);
            assertEquals(0.0, t[1]);
        }
    }

    @Test
    void theGatheredCastShrinksWithTpTowardsTheTransposeAlone() {
        double previous = Double.MAX_VALUE;
        double transpose = bytesS(2 * ROWS * COLS);
        for (int tp : new int[] {2, 4, 8}) {
            double[] t = new Fp8Casts(K, true, tp, true).tensor(ROWS, COLS, true, true);
            double total = t[0] + t[1];
            assertTrue(total < previous, "tp " + tp + ": " + total);
            assertTrue(total > transpose, "never below the transpose of the gathered copy");
            previous = total;
        }
        // Never more than casting the whole gathered tensor locally (6 bytes an element).
        assertTrue(previous < new Fp8Casts(K, true, 8, true).local(ROWS * COLS));
    }

    @Test
    void aSmallCurrentScalingCastIsFourKernelsAtTheLaunchFloor() {
        // 16 x 2048 elements (a few rows of one expert): 6 bytes an element is 196,608 B, 0.07 us at 3.0 TB/s,
        // so each of zero-amax, amax, compute-scale and cast takes the 4 us floor: 16 us, against 4 us delayed.
        double e = 16 * 2048;
        assertEquals(4 * LAUNCH_S, new Fp8Casts(K, true, 1, false).local(e), 1e-15);
        assertEquals(LAUNCH_S, new Fp8Casts(K, false, 1, false).local(e), 1e-15);
    }
}
