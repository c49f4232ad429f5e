package dev.fleetsim.planner;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.pricing.FleetCost;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.BiConsumer;

/**
 * Runs the plan's points through the façade, each once: a point (choice, nodes, load, seed) is
 * cached, so bisection, confirmation, the Pareto front and the sensitivity table share their
 * runs. Thread-safe; a run in progress is shared by every thread that asks for it.
 */
final class Evaluator {
    private final Fleetsim fleetsim;
    private final PlanSpec plan;
    private final BooleanSupplier cancelled;
    private final BiConsumer<Evaluation, Integer> onRun;
    private final Map<String, CompletableFuture<Evaluation>> cache = new ConcurrentHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();

    Evaluator(Fleetsim fleetsim, PlanSpec plan, BooleanSupplier cancelled, BiConsumer<Evaluation, Integer> onRun) {
        this.fleetsim = fleetsim;
        this.plan = plan;
        this.cancelled = cancelled;
        this.onRun = onRun;
    }

    int simulations() {
        return runs.get();
    }

    /** Every point run so far at the plan's own load. */
    List<Evaluation> all() {
        List<Evaluation> out = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Evaluation>> e : cache.entrySet()) {
            if (e.getKey().startsWith("1.0|") && e.getValue().isDone() && !e.getValue().isCompletedExceptionally()) {
                out.add(e.getValue().join());
            }
        }
        out.sort(java.util.Comparator.comparing(Evaluation::choice).thenComparingInt(Evaluation::nodes)
                .thenComparingLong(Evaluation::seed));
        return out;
    }

    Evaluation evaluate(PlanSpec.Choice choice, int nodes, long seed, double load) {
        String key = load + "|" + choice.label() + "|" + nodes + "|" + seed;
        CompletableFuture<Evaluation> mine = new CompletableFuture<>();
        CompletableFuture<Evaluation> f = cache.putIfAbsent(key, mine);
        if (f != null) {
            return f.join();
        }
        try {
            Evaluation e = run(choice, nodes, seed, load);
            mine.complete(e);
            return e;
        } catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            cache.remove(key);
            throw ex;
        }
    }

    /** The scenario of a point: the base with the plan's group sized and bought as the choice says. */
    ScenarioSpec scenario(PlanSpec.Choice choice, int nodes, long seed, double load) {
        ScenarioSpec base = plan.base();
        List<NodeGroupSpec> groups = new ArrayList<>();
        for (NodeGroupSpec g : base.cluster().nodeGroups()) {
            if (!g.name().equals(plan.group())) {
                groups.add(g);
            } else if (nodes > 0) {
                groups.add(new NodeGroupSpec(g.name(), choice.option().gpuType(), nodes, g.gpusPerNode(), g.nicsPerNode(),
                        g.nicBandwidthBytesPerS(), choice.option().purchase()));
            }
        }
        FabricSpec f = base.cluster().fabric();
        FabricSpec fabric = new FabricSpec(f.nodesPerLeaf(), choice.oversubscription(), f.nicLatencyNs(), f.nvlinkLatencyNs(),
                f.kind(), f.spines(), f.pods());
        PolicySpec p = base.policy();
        Map<String, Object> params = choice.policy().equals(p.name()) ? p.params()
                : p.paramsByPolicy().getOrDefault(choice.policy(), Map.of());
        PolicySpec policy = new PolicySpec(choice.policy(), params, p.preemption(), p.paramsByPolicy());
        ScenarioSpec s = base.withCluster(new ClusterSpec(groups, fabric)).withPolicy(policy).withSeed(seed)
                .withName(plan.name() + "-" + dev.fleetsim.engine.metrics.ResultFolder.safeName(choice.label()) + "-" + nodes);
        // Runs go to the end of the last job, so no wait is censored.
        s = s.withSimulation(new dev.fleetsim.engine.scenario.SimulationSpec(java.util.OptionalLong.empty(), seed,
                s.simulation().timeseriesPoints(), false, s.simulation().network()));
        return load == 1.0 ? s : s.withWorkload(Load.scaled(s.workload(), load));
    }

    private Evaluation run(PlanSpec.Choice choice, int nodes, long seed, double load) {
        // A small run ends before the engine first polls: cancel between simulations too, as PlanProgress promises.
        if (cancelled.getAsBoolean()) {
            throw new dev.fleetsim.engine.run.RunCancelledException(0);
        }
        ScenarioSpec spec = scenario(choice, nodes, seed, load);
        long start = System.nanoTime();
        RunResult r = fleetsim.run(spec, new SimulationObserver() {
            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        });
        double wallS = (System.nanoTime() - start) / 1e9;
        FleetCost cost = monthlyCost(spec, r);
        RunSummary s = r.summary();
        double[] metrics = new double[plan.constraints().size()];
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = plan.constraints().get(i).value(s, cost.totalUsdPerMonth());
        }
        int n = runs.incrementAndGet();
        Evaluation e = new Evaluation(choice.label(), nodes, seed, metrics, cost, s.counts().rejected(), s.counts().jobs(), wallS);
        onRun.accept(e, n);
        return e;
    }

    /** The fleet's monthly bill, as the run priced it (one place decides cost: {@code pricing.FleetCost}). */
    static FleetCost monthlyCost(ScenarioSpec spec, RunResult r) {
        return new FleetCost(r.summary().cost().monthlyByGroup(), r.summary().cost().usdPerMonth());
    }
}
