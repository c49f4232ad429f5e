package dev.fleetsim.engine.network.burst;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link LinkLoads} against the separate arrays it replaced in {@link BurstSharing} (load, carried
 * bytes, peak utilisation, time of the last change), bit for bit over random sequences of changes:
 * the packed layout and the peak kept as a load (divided by the capacity when read) change no figure.
 */
class LinkLoadsTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sameBitsAsSeparateArrays(long seed) {
        Random rnd = new Random(seed);
        int links = 7;
        double[] capacity = new double[links];
        for (int l = 0; l < links; l++) {
            capacity[l] = 1e9 * (1 + rnd.nextInt(400)) / 7.0;
        }
        EagerLinkLoads ref = new EagerLinkLoads(capacity);
        LinkLoads loads = new LinkLoads(links);
        long now = 0;
        for (int step = 0; step < 5_000; step++) {
            now += rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1_000_000_000);
            int l = rnd.nextInt(links);
            ref.integrate(l, now);
            loads.integrate(l, now);
            double delta = rnd.nextDouble() * capacity[l] * 1.3 / 3;
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    ref.load[l] += delta;
                    loads.addLoad(l, delta);
                }
                case 1 -> {
                    double cut = Math.min(delta, ref.load[l]);
                    ref.load[l] -= cut;
                    loads.addLoad(l, -cut);
                }
                case 2 -> {
                    ref.load[l] = delta;
                    loads.setLoad(l, delta);
                }
                default -> {
                    ref.load[l] = 0;
                    loads.setLoad(l, 0);
                }
            }
            int q = rnd.nextInt(links);
            long end = now + rnd.nextInt(2) * 1_000_000L;
            assertEquals(ref.load[q], loads.load(q), "load of link " + q + " at step " + step);
            assertEquals(ref.carriedBytes(q, end), loads.carriedBytes(q, end), "carried bytes of link " + q);
            assertEquals(ref.peakUtilisation(q, end), loads.peakUtilisation(q, end, capacity[q]), "peak of link " + q);
        }
    }
}
