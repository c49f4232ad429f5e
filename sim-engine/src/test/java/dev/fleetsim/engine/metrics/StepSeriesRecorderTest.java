package dev.fleetsim.engine.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StepSeriesRecorderTest {

    @Test
    void resampleGivesTimeWeightedAveragesPerBin() {
        StepSeriesRecorder r = new StepSeriesRecorder(1);
        r.record(0, 0);
        r.record(25, 8);   // 8 from 25 to 75
        r.record(75, 4);   // 4 from 75 to 100
        double[][] bins = r.resample(2, 100);
        // bin [0,50): 25 ns at 0, 25 ns at 8 -> 4; bin [50,100): 25 ns at 8, 25 ns at 4 -> 6
        assertArrayEquals(new double[] {(0 * 25 + 8 * 25) / 50.0}, bins[0]);
        assertArrayEquals(new double[] {(8 * 25 + 4 * 25) / 50.0}, bins[1]);
        assertEquals(8 * 50 + 4 * 25, r.integral(0, 100));
    }

    @Test
    void sameInstantReplacesTheEarlierValue() {
        StepSeriesRecorder r = new StepSeriesRecorder(2);
        r.record(10, 1, 1);
        r.record(10, 2, 3);
        assertEquals(1, r.changePoints());
        assertEquals((2 * 10), r.integral(0, 20));
        assertEquals((3 * 10), r.integral(1, 20));
    }

    /** Past several blocks of change points the figures are those of the plain step function, summed in order. */
    @Test
    void longSeriesAcrossBlocksGiveThePlainSums() {
        StepSeriesRecorder r = new StepSeriesRecorder(2);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int n = 3 * StepSeriesRecorder.BLOCK + 777;
        long[] t = new long[n];
        double[] a = new double[n];
        double[] b = new double[n];
        long now = 0;
        for (int i = 0; i < n; i++) {
            now += 1 + rnd.nextInt(1000);
            t[i] = now;
            a[i] = rnd.nextInt(100);
            b[i] = rnd.nextDouble();
            r.record(now, a[i], b[i]);
        }
        assertEquals(n, r.changePoints());
        long end = now + 10;
        double ia = 0;
        double ib = 0;
        for (int i = 0; i < n; i++) {
            long until = i + 1 < n ? t[i + 1] : end;
            ia += a[i] * (until - t[i]);
            ib += b[i] * (until - t[i]);
        }
        assertEquals(ia, r.integral(0, end));
        assertEquals(ib, r.integral(1, end));
        // One bin: its average is the integral over the span (with the span before the first record at 0).
        double[][] one = r.resample(1, end);
        assertEquals(ia / end, one[0][0], 1e-9 * Math.abs(ia / end));
        assertEquals(ib / end, one[0][1], 1e-9 * Math.abs(ib / end));
    }

    /**
     * Whole numbers kept as ints until a fraction comes, steps kept as ints until one is too long, a
     * first time before 0, a whole number replaced by a fraction at the same instant: every figure is
     * bit for bit that of the plain arrays (the sums of the recorder before it stored either compactly).
     */
    @Test
    void compactStorageGivesBackEveryValueBitForBit() {
        StepSeriesRecorder r = new StepSeriesRecorder(3);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        int n = 2 * StepSeriesRecorder.BLOCK + 1234;
        long[] t = new long[n];
        double[][] v = new double[n][3];
        long now = -5_000;
        for (int i = 0; i < n; i++) {
            now += i % 40_000 == 39_999 ? 3_000_000_000L + rnd.nextInt(1000) : rnd.nextInt(2_000_000);
            t[i] = now;
            v[i][0] = rnd.nextInt(100_000);                                    // a count: ints throughout
            v[i][1] = i > 70_000 && i % 9 == 0 ? rnd.nextDouble() * 1e4 : rnd.nextInt(50) - 25; // ints, then fractions
            v[i][2] = i == 17 ? -0.0 : i > 100 && i % 5 == 0 ? 3e10 : rnd.nextInt(7);      // -0.0 and a value past int
            r.record(now, v[i]);
            if (i == 1000) {
                v[i][0] = 0.5; // replaced at the same instant
                r.record(now, v[i]);
            }
            if (i > 0 && t[i] == t[i - 1]) {
                t[i - 1] = Long.MIN_VALUE; // the earlier point was replaced
            }
        }
        long[] times = java.util.Arrays.stream(t).filter(x -> x != Long.MIN_VALUE).toArray();
        double[][] values = new double[times.length][];
        for (int i = 0, k = 0; i < n; i++) {
            if (t[i] != Long.MIN_VALUE) {
                values[k++] = v[i];
            }
        }
        assertEquals(times.length, r.changePoints());
        long end = now + 77;
        for (int c = 0; c < 3; c++) {
            double plain = 0;
            for (int i = 0; i < times.length && times[i] < end; i++) {
                long until = i + 1 < times.length ? Math.min(times[i + 1], end) : end;
                plain += values[i][c] * (until - times[i]);
            }
            assertEquals(plain, r.integral(c, end), "channel " + c);
        }
        double[][] bins = r.resample(97, end);
        double[][] plainBins = plainResample(times, values, 97, end);
        for (int b = 0; b < bins.length; b++) {
            assertArrayEquals(plainBins[b], bins[b], "bin " + b);
        }
    }

    /** The recorder's resampling written over plain arrays. */
    private static double[][] plainResample(long[] times, double[][] values, int bins, long endNs) {
        int channels = values[0].length;
        double[][] out = new double[bins][channels];
        int k = 0;
        double[] current = new double[channels];
        for (int b = 0; b < bins; b++) {
            long binStart = (long) ((double) endNs * b / bins);
            long binEnd = b == bins - 1 ? endNs : (long) ((double) endNs * (b + 1) / bins);
            long t = binStart;
            while (t < binEnd) {
                while (k < times.length && times[k] <= t) {
                    System.arraycopy(values[k], 0, current, 0, channels);
                    k++;
                }
                long next = k < times.length ? Math.min(times[k], binEnd) : binEnd;
                for (int c = 0; c < channels; c++) {
                    out[b][c] += current[c] * (next - t);
                }
                t = next;
            }
            long width = binEnd - binStart;
            for (int c = 0; c < channels; c++) {
                out[b][c] = width > 0 ? out[b][c] / width : current[c];
            }
        }
        return out;
    }

    @Test
    void distributionUsesNearestRank() {
        Distribution d = Distribution.of(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
        assertEquals(5.5, d.mean());
        assertEquals(5, d.p50());
        assertEquals(10, d.p95());
        assertEquals(10, d.max());
    }
}
