package dev.fleetsim.calibration.fit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlphaBetaFitTest {

    private static List<Sample> samples(double latency, double bw, double noise, long seed, long minBytes, long maxBytes) {
        Random rnd = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (long b = minBytes; b <= maxBytes; b *= 2) {
            double t = (latency + b / bw) * Math.exp(noise * rnd.nextGaussian());
            out.add(new Sample("test:" + b, b + " B", b, b, t));
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void recoversLatencyAndBandwidthFromNoisyTransfers(long seed) {
        // NVLink-like: 2 us + S / 390 GB/s, 3 % log-normal noise, 8 B .. 1 GiB
        AlphaBetaFit f = AlphaBetaFit.fit("links.nvlinkPeer", samples(2e-6, 390e9, 0.03, seed, 8, 1L << 30));
        assertEquals(2e-6, f.latencyS(), 0.1e-6 * 2);
        assertEquals(390e9, f.bandwidthBytesPerS(), 390e9 * 0.03);
        assertTrue(f.stats().r2() > 0.99, "r2 " + f.stats().r2());
    }

    @Test
    void rejectsAnOutlierAndNamesIt() {
        List<Sample> s = samples(2e-6, 390e9, 0.01, 9, 8, 1L << 30);
        Sample bad = s.get(10);
        s.set(10, new Sample("test:outlier", bad.label(), bad.bytes(), bad.x(), bad.timeS() * 3));
        AlphaBetaFit f = AlphaBetaFit.fit("links.nvlinkPeer", s);
        assertEquals(1, f.stats().rejected().size());
        assertEquals("test:outlier", f.stats().rejected().get(0).where());
        assertEquals(390e9, f.bandwidthBytesPerS(), 390e9 * 0.02);
    }

    @Test
    void refusesLatencyWhenEveryTransferIsLarge() {
        List<Sample> s = samples(2e-6, 390e9, 0.02, 3, 256L << 20, 4L << 30);
        UnidentifiableException e = assertThrows(UnidentifiableException.class, () -> AlphaBetaFit.fit("links.nvlinkPeer", s));
        assertEquals("latency", e.parameter());
        assertTrue(e.getMessage().contains("small transfers"), e.getMessage());
    }

    @Test
    void refusesASingleSize() {
        List<Sample> s = List.of(new Sample("a", "1 MiB", 1 << 20, 1 << 20, 1e-5), new Sample("b", "1 MiB", 1 << 20, 1 << 20, 1.1e-5),
                new Sample("c", "1 MiB", 1 << 20, 1 << 20, 1.05e-5), new Sample("d", "1 MiB", 1 << 20, 1 << 20, 1e-5));
        UnidentifiableException e = assertThrows(UnidentifiableException.class, () -> AlphaBetaFit.fit("links.x", s));
        assertTrue(e.getMessage().contains("two sizes"), e.getMessage());
    }
}
