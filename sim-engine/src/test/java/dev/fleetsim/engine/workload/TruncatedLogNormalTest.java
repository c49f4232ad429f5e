package dev.fleetsim.engine.workload;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruncatedLogNormalTest {

    static Stream<TraceProfile> profiles() {
        return TraceProfile.all().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void fitHasThePublishedMedianAndMeanAfterTruncation(TraceProfile p) {
        TruncatedLogNormal d = TruncatedLogNormal.fit(p.medianRunS(), p.meanRunS(), p.maxRunS());

        assertEquals(p.medianRunS(), d.median(), 1e-6 * p.medianRunS());
        assertEquals(p.meanRunS(), d.mean(), 1e-6 * p.meanRunS());
        assertEquals(p.maxRunS(), d.quantile(1.0), 1e-6 * p.maxRunS());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void closedFormUnderestimatesTheMeanOnceTruncated(TraceProfile p) {
        TruncatedLogNormal naive = TruncatedLogNormal.closedForm(p.medianRunS(), p.meanRunS(), p.maxRunS());
        // mu = ln median, sigma^2 = 2 ln(mean / median): exact without the cut, short of the mean with it.
        assertEquals(Math.log(p.medianRunS()), naive.mu(), 1e-12);
        assertEquals(2 * Math.log(p.meanRunS() / p.medianRunS()), naive.sigma() * naive.sigma(), 1e-12);
        assertTrue(naive.mean() < 0.95 * p.meanRunS(), "the cut removes more than 5 % of the mean: " + naive.mean());
    }

    @Test
    void withoutACutOffTheFitIsTheClosedForm() {
        TruncatedLogNormal fitted = TruncatedLogNormal.fit(100, 400, 1e40);
        // sigma^2 = 2 ln(400/100) = 2.7726, sigma = 1.6651
        assertEquals(Math.log(100), fitted.mu(), 1e-6);
        assertEquals(Math.sqrt(2 * Math.log(4)), fitted.sigma(), 1e-6);
    }

    @Test
    void samplesMatchTheFittedMomentsAndNeverExceedTheCut() {
        TruncatedLogNormal d = TruncatedLogNormal.fit(874, 18006.055, 4_240_676);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {1, 2});
        double[] x = new double[400_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = d.sample(rng.nextDouble());
        }
        Arrays.sort(x);
        double mean = Arrays.stream(x).sum() / x.length;
        assertEquals(874, x[x.length / 2], 0.02 * 874);
        assertEquals(18006.055, mean, 0.05 * 18006.055);
        assertTrue(x[x.length - 1] <= 4_240_676);
    }

    @Test
    void unreachableOrInconsistentInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TruncatedLogNormal.fit(100, 50, 1000));
        assertThrows(IllegalArgumentException.class, () -> TruncatedLogNormal.fit(100, 5000, 1000));
        // a mean of 900 under a cut at 1000 with median 100 needs nearly all mass near the cut: impossible
        assertThrows(IllegalArgumentException.class, () -> TruncatedLogNormal.fit(100, 900, 1000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void printFit(TraceProfile p) {
        TruncatedLogNormal naive = TruncatedLogNormal.closedForm(p.medianRunS(), p.meanRunS(), p.maxRunS());
        TruncatedLogNormal d = TruncatedLogNormal.fit(p.medianRunS(), p.meanRunS(), p.maxRunS());
        GpuCountDistribution g = GpuCountDistribution.fit(p.meanGpusInUnits(), p.maxGpus());
        System.out.printf("%s naive mu %.4f sigma %.4f mean %.1f (%.1f%%) kept %.6f | fit mu %.4f sigma %.4f kept %.6f"
                        + " P(>1d) %.4f | gpus %s P(>8) %.4f%n", p.name(), naive.mu(), naive.sigma(), naive.mean(),
                100 * (naive.mean() / p.meanRunS() - 1), naive.keptMass(), d.mu(), d.sigma(), d.keptMass(), d.tail(86400),
                g, g.shareAbove(8));
        assertTrue(d.sigma() > naive.sigma());
    }
}
