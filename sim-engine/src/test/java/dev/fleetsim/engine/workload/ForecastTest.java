package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.hardware.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forecasts (issue 12, "a forecast"): a generator's arrival rate and its job-size mix grow over
 * its span. Expected arrivals are the integral of the rate, written out below; counts are
 * Poisson, so each is held to four standard deviations (√N).
 */
class ForecastTest {
    private static final double HOUR_NS = 3.6e12;
    private static final double QUARTER_H = RateGrowth.QUARTER_NS / HOUR_NS; // 2,191.5 h

    private static final TrainingJobSpec SMALL = new TrainingJobSpec("", ModelCatalog.find("gpt-1.3b").orElseThrow(),
            Precision.BF16, 8, 1, new ParallelismSpec(1, 1, 1, 1), Recompute.NONE, 0, 0.8, true, 1, 0, "t", 0,
            Optional.empty());
    private static final TrainingJobSpec LARGE = new TrainingJobSpec("", ModelCatalog.find("gpt-1.3b").orElseThrow(),
            Precision.BF16, 64, 1, new ParallelismSpec(1, 1, 8, 1), Recompute.NONE, 0, 0.8, true, 1, 0, "t", 0,
            Optional.empty());

    /** A mix generator: one job an hour at the start, 30,000 jobs. */
    private static GeneratorSpec hourly(RateGrowth growth, List<JobTemplateSpec> mix) {
        return new GeneratorSpec("g", 30_000, 0, (long) HOUR_NS, mix, List.of("t"), growth);
    }

    private static List<TrainingJobSpec> draw(GeneratorSpec g) {
        return WorkloadGenerator.draw(g, new RandomStreams(11));
    }

    private static long countBetween(List<TrainingJobSpec> jobs, double fromH, double toH) {
        return jobs.stream().filter(j -> j.submitTimeNs() >= fromH * HOUR_NS && j.submitTimeNs() < toH * HOUR_NS).count();
    }

    private static void assertPoisson(double expected, long observed, String what) {
        assertEquals(expected, observed, 4 * Math.sqrt(expected), what + ": expected " + expected + ", got " + observed);
    }

    @Test
    void fortyPercentPerQuarterGivesTheIntegralOfTheGrowingRate() {
        RateGrowth g = RateGrowth.exponential(40, RateGrowth.QUARTER_NS);
        List<TrainingJobSpec> jobs = draw(hourly(g, List.of(new JobTemplateSpec("s", 1, SMALL, 10, 10))));
        // λ = 1/h, m(t) = 1.4^(t/Q): ∫0^Q m = Q × 0.4 / ln 1.4 = 2,191.5 h × 1.18884 = 2,605.3 jobs;
        // the second quarter has 1.4 times as many: 3,647.4
        double first = QUARTER_H * 0.4 / Math.log(1.4);
        assertEquals(2605.3, first, 0.1);
        assertPoisson(first, countBetween(jobs, 0, QUARTER_H), "first quarter");
        assertPoisson(1.4 * first, countBetween(jobs, QUARTER_H, 2 * QUARTER_H), "second quarter");
        // without growth the first quarter has λ Q = 2,191.5
        List<TrainingJobSpec> flat = draw(hourly(RateGrowth.NONE, List.of(new JobTemplateSpec("s", 1, SMALL, 10, 10))));
        assertPoisson(QUARTER_H, countBetween(flat, 0, QUARTER_H), "flat quarter");
    }

    @Test
    void aRateCurveIsLinearBetweenItsPointsAndConstantAfterTheLast() {
        // rate 1/h at 0, 3/h at 10 d, then 3/h: 10 d × (1 + 3) / 2 = 480 jobs in the first ten days, 720 in the next
        RateGrowth curve = RateGrowth.curve(List.of(new RateGrowth.Point(0, 1),
                new RateGrowth.Point(10 * 24 * (long) HOUR_NS, 3)));
        List<TrainingJobSpec> jobs = draw(hourly(curve, List.of(new JobTemplateSpec("s", 1, SMALL, 10, 10))));
        assertPoisson(480, countBetween(jobs, 0, 240), "days 0-10");
        assertPoisson(720, countBetween(jobs, 240, 480), "days 10-20");
        // days 0-5: 5 d × (1 + 2) / 2 = 180
        assertPoisson(180, countBetween(jobs, 0, 120), "days 0-5");
    }

    @Test
    void noGrowthDrawsExactlyTheJobsOfAGeneratorWithoutAForecast() {
        List<JobTemplateSpec> mix = List.of(new JobTemplateSpec("s", 1, SMALL, 10, 100), new JobTemplateSpec("l", 2, LARGE, 5, 50));
        GeneratorSpec plain = new GeneratorSpec("g", 500, 7, (long) HOUR_NS, mix, List.of("t"));
        GeneratorSpec zero = hourly(RateGrowth.exponential(0, RateGrowth.QUARTER_NS), mix);
        assertEquals(RateGrowth.NONE, zero.growth());
        assertEquals(draw(plain), WorkloadGenerator.draw(new GeneratorSpec("g", 500, 7, (long) HOUR_NS, mix,
                List.of("t"), RateGrowth.NONE), new RandomStreams(11)));
    }

    @Test
    void aMixEntrysWeightGrowthShiftsTheMixTowardIt() {
        // equal weights at the start; the large kind doubles every month: its share at t is 2^(t/M) / (1 + 2^(t/M)),
        // 1/2 at 0, 2/3 after a month, 4/5 after two
        JobTemplateSpec small = new JobTemplateSpec("s", 1, SMALL, 10, 10);
        JobTemplateSpec large = new JobTemplateSpec("l", 1, LARGE, 10, 10, RateGrowth.exponential(100, RateGrowth.MONTH_NS));
        List<TrainingJobSpec> jobs = draw(hourly(RateGrowth.NONE, List.of(small, large)));
        double monthH = RateGrowth.MONTH_NS / HOUR_NS;
        for (double months : new double[] {0, 1, 2}) {
            double from = Math.max(0, months * monthH - 36);
            double to = months * monthH + 36;
            List<TrainingJobSpec> window = jobs.stream().filter(j -> j.submitTimeNs() >= from * HOUR_NS
                    && j.submitTimeNs() < to * HOUR_NS).toList();
            double share = window.stream().filter(j -> j.gpus() == 8).count() / (double) window.size();
            double expected = Math.pow(2, months) / (1 + Math.pow(2, months));
            double sd = Math.sqrt(expected * (1 - expected) / window.size());
            assertEquals(expected, share, 4 * sd + 0.02, months + " months: " + window.size() + " jobs");
        }
    }

    @Test
    void sizeGrowthRaisesTheMeanGpusPerJobAsForecast() {
        // philly's mean of 1.928 GPUs, +50 % per quarter: 2.892 a quarter later, 4.338 two quarters later
        TraceGeneratorSpec base = new TraceGeneratorSpec("p", "philly", 45_000, 0, 0.25, 0, List.of("a"), 1, 0, 128,
                Optional.empty());
        TraceGeneratorSpec grown = new TraceGeneratorSpec("p", "philly", 45_000, 0, 0.25, 0, List.of("a"), 1, 0, 128,
                Optional.empty(), base.reference(), RateGrowth.NONE, RateGrowth.exponential(50, RateGrowth.QUARTER_NS));
        List<TrainingJobSpec> jobs = TraceWorkloadGenerator.draw(grown, new RandomStreams(2), shape -> 1.0);
        for (int quarters = 0; quarters <= 2; quarters++) {
            double at = quarters * QUARTER_H;
            List<TrainingJobSpec> window = jobs.stream().filter(j -> j.submitTimeNs() >= at * HOUR_NS
                    && j.submitTimeNs() < (at + 24 * 7) * HOUR_NS).toList();
            double mean = window.stream().mapToInt(TrainingJobSpec::gpus).average().orElseThrow();
            double expected = 1.928 * Math.pow(1.5, quarters + 3.5 / (QUARTER_H / 24));
            assertEquals(expected, mean, 0.12 * expected, quarters + " quarters: " + window.size() + " jobs");
        }
        // the arrivals and the durations' uniforms are untouched: submit times are those of the plain generator
        TraceGeneratorSpec first = new TraceGeneratorSpec("p", "philly", 1000, 0, 0.25, 0, List.of("a"), 1, 0, 128,
                Optional.empty());
        List<TrainingJobSpec> plain = TraceWorkloadGenerator.draw(first, new RandomStreams(2), shape -> 1.0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(plain.get(i).submitTimeNs(), jobs.get(i).submitTimeNs());
        }
    }

    @ParameterizedTest(name = "{0} % per quarter")
    @ValueSource(doubles = {40, -30, 900})
    void exponentialTimeRescalingInvertsTheCumulativeRate(double percent) {
        RateGrowth g = RateGrowth.exponential(percent, RateGrowth.QUARTER_NS);
        for (double t = 0; t < 4e7; t += 1.3e6) {
            double u = g.cumulative(t);
            assertEquals(t, g.realTime(u), 1e-6 * Math.max(1, t));
        }
    }

    @Test
    void aShrinkingRateRunsOutOfArrivals() {
        // −50 % per day: ∫0^∞ m = 1 d / ln 2 = 34.6 h of arrivals at λ = 1/h, so about 35 jobs, never 30,000
        List<TrainingJobSpec> jobs = draw(hourly(RateGrowth.exponential(-50, 86_400_000_000_000L),
                List.of(new JobTemplateSpec("s", 1, SMALL, 10, 10))));
        assertTrue(jobs.size() < 100, jobs.size() + " jobs");
        assertEquals(24 / Math.log(2), RateGrowth.exponential(-50, 86_400_000_000_000L).cumulative(1e12) / 3600, 1e-6);
    }
}
