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

    @Test
    void distributionUsesNearestRank() {
        Distribution d = Distribution.of(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
        assertEquals(5.5, d.mean());
        assertEquals(5, d.p50());
        assertEquals(10, d.p95());
        assertEquals(10, d.max());
    }
}
