package dev.fleetsim.planner;

import dev.fleetsim.engine.metrics.Distribution;
import dev.fleetsim.engine.metrics.LatencySummary;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.ServiceSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the serving and training constraints read off a run, by hand: the worst service, a named one, tokens a day. */
class ConstraintTest {

    private static ServiceSummary service(String name, long finished, double attainment) {
        LatencySummary l = new LatencySummary(finished, 0.1, 0.1, 0.1, 0.1, 0.1);
        return new ServiceSummary(name, "llama3-8b", "H100-SXM", 1, 1, "fluid",
                new ServiceSummary.Requests(finished, finished, 0, 0, 0, 0, 0), new ServiceSummary.Throughput(1, 1, 1, 1),
                new ServiceSummary.Latency(l, l, l, l, LatencySummary.EMPTY),
                new ServiceSummary.Slo(1, 0.1, attainment, attainment, attainment, 0.9),
                new ServiceSummary.Kv(1, 1, 0, 0), new ServiceSummary.Batching(1, 1, 1, 1, 0, 0),
                new ServiceSummary.Replicas(1, 1, 0, 0, 1), new ServiceSummary.Cost(1, 0, 1, 1, 1));
    }

    private static RunSummary run(double tokensPerDay, ServiceSummary... services) {
        Distribution none = Distribution.of(new double[0]);
        return new RunSummary("s", 1, "fifo", 8, new RunSummary.Counts(0, 0, 0, 0, 0, 0, 0),
                new RunSummary.Times(86_400, none, none, none, none, new RunSummary.Censoring(null, 0, 0, "")),
                new RunSummary.Utilisation(0, 0, 0), new RunSummary.Cost(0, 0, 0, 0),
                new RunSummary.Tenants(null, Map.of()), RunSummary.Reliability.NONE, new RunSummary.Kernel(0, 0, 0),
                new RunSummary.Training(tokensPerDay, tokensPerDay), null, List.of(services));
    }

    @Test
    void sloAttainmentIsTheWorstServicesOrTheNamedOnes() {
        // chat: 990 of 1,000 requests met (0.99); batch: 0.95 over 10,000: the weighted mean would be 0.954
        RunSummary s = run(0, service("chat", 1_000, 0.99), service("batch", 10_000, 0.95));
        Constraint every = new Constraint(Constraint.Metric.SLO_ATTAINMENT, 0.97);
        assertEquals(0.95, every.value(s, 0), 1e-12);
        assertFalse(every.met(every.value(s, 0)), "batch misses 0.97, whatever chat does");
        Constraint chat = new Constraint(Constraint.Metric.SLO_ATTAINMENT, 0.97, "chat");
        assertEquals(0.99, chat.value(s, 0), 1e-12);
        assertTrue(chat.met(0.99));
        assertEquals((0.99 - 0.97) / 0.97, chat.margin(0.99), 1e-12);
        assertEquals("serving SLO attainment of chat ≥ 0.9700", chat.describe());
        // a service that finished nothing attained nothing
        assertEquals(0, every.value(run(0, service("chat", 0, Double.NaN), service("batch", 10, 1)), 0));
    }

    @Test
    void tokensPerDayIsTheRunsTrainingThroughput() {
        Constraint c = new Constraint(Constraint.Metric.TRAINING_TOKENS_PER_DAY, 40e9);
        assertEquals(52e9, c.value(run(52e9), 0));
        assertTrue(c.met(52e9));
        assertFalse(c.met(39e9));
        assertEquals("training tokens per day ≥ 40.00 B", c.describe());
        assertFalse(c.metric().upper());
        assertTrue(c.metric().improvesWithNodes());
    }
}
