package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.kernel.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceWorkloadGeneratorTest {

    /** Every shape runs one iteration a second, so iterations = drawn duration in seconds. */
    private static List<TrainingJobSpec> draw(TraceGeneratorSpec g, long seed) {
        return TraceWorkloadGenerator.draw(g, new RandomStreams(seed), shape -> 1.0);
    }

    private static TraceGeneratorSpec philly(int count, double scale, double diurnal, List<String> tenants) {
        return new TraceGeneratorSpec("ph", "philly", count, 0, scale, diurnal, tenants, 1.0, 0.0, 128, Optional.empty());
    }

    @Test
    void sameSeedSameJobsOtherSeedOtherJobs() {
        TraceGeneratorSpec g = philly(2000, 1, 0.3, List.of("a", "b"));
        assertEquals(draw(g, 5), draw(g, 5));
        assertNotEquals(draw(g, 5), draw(g, 6));
    }

    /**
     * A draw large enough to build its second half on a helper thread ({@code Beside}) gives the
     * jobs a smaller one-thread draw gives, with every part on: diurnal thinning, growth of the
     * rate and of the size mix, correlation, several tenants, each shape costed once in job order.
     */
    @Test
    void aDrawOnTwoThreadsIsTheDrawOnOne() {
        int one = dev.fleetsim.engine.kernel.Beside.MIN_ITEMS - 1;
        int two = dev.fleetsim.engine.kernel.Beside.MIN_ITEMS + 5_001;
        RateGrowth growth = RateGrowth.exponential(40, RateGrowth.QUARTER_NS);
        java.util.function.IntFunction<TraceGeneratorSpec> spec = count -> new TraceGeneratorSpec("ph", "philly", count,
                0, 1, 0.4, List.of("a", "b", "c"), 1.2, 0.6, 128, Optional.empty(),
                TraceGeneratorSpec.defaultReference(TraceProfile.get("philly")), growth, growth);
        List<Integer> costed = new java.util.ArrayList<>();
        java.util.function.ToDoubleFunction<TrainingJobSpec> times = shape -> {
            costed.add(shape.gpus());
            return 0.5 + shape.gpus();
        };
        List<TrainingJobSpec> small = TraceWorkloadGenerator.draw(spec.apply(one), new RandomStreams(11), times);
        List<Integer> costedSmall = List.copyOf(costed);
        costed.clear();
        List<TrainingJobSpec> large = TraceWorkloadGenerator.draw(spec.apply(two), new RandomStreams(11), times);
        assertEquals(two, large.size());
        assertEquals(small, large.subList(0, one));
        assertEquals(costedSmall, costed.subList(0, costedSmall.size()));
    }

    @Test
    void eachPartHasItsOwnStream() {
        List<TrainingJobSpec> two = draw(philly(3000, 1, 0, List.of("a", "b")), 9);
        List<TrainingJobSpec> five = draw(philly(3000, 1, 0, List.of("a", "b", "c", "d", "e")), 9);
        boolean tenantsDiffer = false;
        for (int i = 0; i < two.size(); i++) {
            assertEquals(two.get(i).submitTimeNs(), five.get(i).submitTimeNs());
            assertEquals(two.get(i).gpus(), five.get(i).gpus());
            assertEquals(two.get(i).iterations(), five.get(i).iterations());
            tenantsDiffer |= !two.get(i).tenant().equals(five.get(i).tenant());
        }
        assertTrue(tenantsDiffer);
    }

    @Test
    void arrivalsFollowTheTracesRateTimesScale() {
        int n = 20_000;
        // Philly: 117,325 jobs in 137 days = one every 100.9 s; scale 4 = one every 25.2 s
        double gapS = 137 * 86_400.0 / 117_325 / 4;
        List<TrainingJobSpec> jobs = draw(philly(n, 4, 0, List.of("a")), 3);
        double meanGapS = jobs.get(n - 1).submitTimeNs() / 1e9 / (n - 1);
        assertEquals(gapS, meanGapS, 0.03 * gapS);
        assertEquals(0, jobs.get(0).submitTimeNs());
        assertEquals("ph-00001", jobs.get(0).id());
    }

    @Test
    void diurnalModulationPeaksInTheAfternoon() {
        double a = 0.6;
        List<TrainingJobSpec> jobs = draw(philly(60_000, 10, a, List.of("a")), 4);
        int[] byHour = new int[24];
        for (TrainingJobSpec j : jobs) {
            byHour[(int) (j.submitTimeNs() / 3_600e9 % 24)]++;
        }
        // rate(t) = (1 + a cos(2 pi (t - 14 h) / 24 h)): 14:00 vs 02:00 is (1 + a) / (1 - a) = 4
        double ratio = (double) byHour[14] / byHour[2];
        assertEquals((1 + a) / (1 - a), ratio, 0.6);
        // the day's mean rate is unchanged: still one job per 10.09 s at scale 10
        double meanGapS = jobs.get(jobs.size() - 1).submitTimeNs() / 1e9 / (jobs.size() - 1);
        assertEquals(137 * 86_400.0 / 117_325 / 10, meanGapS, 0.05 * meanGapS);
    }

    @Test
    void tenantsGetZipfShares() {
        List<TrainingJobSpec> jobs = draw(philly(50_000, 1, 0, List.of("a", "b", "c", "d")), 8);
        long a = jobs.stream().filter(j -> j.tenant().equals("a")).count();
        long d = jobs.stream().filter(j -> j.tenant().equals("d")).count();
        // shares 1 : 1/2 : 1/3 : 1/4 over 2.0833: a gets 48 %, d 12 %
        assertEquals(1 / 2.0833, a / 50_000.0, 0.01);
        assertEquals(0.25 / 2.0833, d / 50_000.0, 0.01);
        double[] c = TraceWorkloadGenerator.zipf(4, 0);
        assertEquals(0.5, c[1], 1e-12);
    }

    @Test
    void aShapeTheClusterCannotRunGetsOneIterationAndTheRealShapes() {
        List<TrainingJobSpec> jobs = TraceWorkloadGenerator.draw(philly(500, 1, 0, List.of("a")), new RandomStreams(1),
                shape -> shape.gpus() >= 2 ? 0 : 1.0);
        assertTrue(jobs.stream().filter(j -> j.gpus() >= 2).allMatch(j -> j.iterations() == 1));
        for (TrainingJobSpec j : jobs) {
            assertEquals(TraceShapes.prototype(j.gpus(), Optional.empty()).shape(), j.shape());
        }
    }
}
