package dev.fleetsim.engine.network.burst;

import dev.fleetsim.engine.network.burst.BurstReference.Periodic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The burst-sharing model against the exact fluid simulation of {@link BurstReference}, on one
 * link of capacity 1 (times in units of a burst alone). Prints the table docs/NETWORK.md quotes
 * ("The approximation and its error"). The two-identical-jobs rows are the hand-worked case:
 * the model gives {@code T + τ²/T}, which is the random-phase expectation.
 */
class BurstModelAccuracyTest {

    /** The cases of the table: jobs sharing one link, each (compute u, bytes b, burst rate D). */
    static final List<Periodic[]> CASES = List.of(
            jobs(2, 1.0 / 3), jobs(2, 1), jobs(2, 3),
            new Periodic[] {new Periodic(1, 1, 1), new Periodic(3, 1, 1)},
            new Periodic[] {new Periodic(1, 1, 1), new Periodic(1, 0.5, 0.5)},
            jobs(3, 0.5), jobs(3, 1), jobs(3, 2),
            new Periodic[] {new Periodic(1, 1, 1), new Periodic(2, 1, 1), new Periodic(4, 1, 1)},
            jobs(4, 2), jobs(4, 4));

    private static Periodic[] jobs(int n, double u) {
        Periodic[] out = new Periodic[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Periodic(u, 1, 1);
        }
        return out;
    }

    /** The model's iteration time of each job: idle plus the burst stretch, at least the fluid bound. */
    static double[] model(Periodic[] jobs, boolean withBursts) {
        BurstSharing s = new BurstSharing(new double[] {1.0});
        for (int j = 0; j < jobs.length; j++) {
            BurstTraffic.Builder b = BurstTraffic.builder();
            int c = b.addClass(1, jobs[j].b() / jobs[j].d());
            b.addFlow(c, new int[] {0}, jobs[j].b(), jobs[j].d());
            s.add(j, b.build(), jobs[j].idleS(), 0);
        }
        double[] out = new double[jobs.length];
        for (int j = 0; j < jobs.length; j++) {
            BurstSharing.Contention c = s.contention(j);
            double burst = jobs[j].idleS() + (withBursts ? c.stretchS()[0] : 0);
            out[j] = Math.max(burst, c.fluidIterationS());
        }
        return out;
    }

    @Test
    void twoIdenticalJobsGetTheRandomPhaseExpectationTPlusTauSquaredOverT() {
        for (double u : new double[] {0.25, 1.0 / 3, 1, 3}) {
            Periodic[] two = jobs(2, u);
            double t = u + 1;
            assertEquals(t + 1 / t, model(two, true)[0], 1e-12, "u = " + u);
            double exact = BurstReference.meanIterationS(two, 1.0, 1500, 4)[0];
            assertEquals(1.0, model(two, true)[0] / exact, 0.03, "u = " + u + ": simulated " + exact);
        }
    }

    @Test
    void theModelStaysWithinItsStatedErrorAndBeatsTheAverageDemandModel() {
        System.out.println("jobs (u, b, D)                      | exact T | old model    | burst model");
        double worstOld = 0;
        double worstNew = 0;
        for (Periodic[] c : CASES) {
            double[] exact = BurstReference.meanIterationS(c, 1.0, 1500, 4);
            double[] burst = model(c, true);
            double[] old = model(c, false);
            for (int j = 0; j < c.length; j++) {
                double errNew = burst[j] / exact[j] - 1;
                double errOld = old[j] / exact[j] - 1;
                worstNew = Math.max(worstNew, Math.abs(errNew));
                worstOld = Math.max(worstOld, Math.abs(errOld));
                System.out.printf(Locale.ROOT, "%-36s| %7.3f | %6.3f %+5.1f%% | %6.3f %+5.1f%%%n", j == 0 ? describe(c) : "",
                        exact[j], old[j], 100 * errOld, burst[j], 100 * errNew);
                assertTrue(errNew > -0.12 && errNew < 0.06, describe(c) + " job " + j + ": " + errNew);
            }
        }
        System.out.printf(Locale.ROOT, "worst |error|: old %.1f %%, burst model %.1f %%%n", 100 * worstOld, 100 * worstNew);
        assertTrue(worstNew < worstOld / 2, "the burst model is at least twice as close");
    }

    private static String describe(Periodic[] c) {
        StringBuilder sb = new StringBuilder();
        for (Periodic p : c) {
            sb.append(String.format(Locale.ROOT, "(%.2g,%.2g,%.2g)", p.u(), p.b(), p.d()));
        }
        return sb.toString();
    }
}
