package dev.fleetsim.planner;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.run.RunCancelledException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The search of {@code fleetsim plan} (docs/PLANNING.md). Cost and the service metrics are
 * monotone in the node count up to noise, so for each discrete choice the fewest nodes meeting
 * every service constraint is found by bisection on the screen seeds. The feasible choices are
 * then confirmed by successive halving: each round runs the cheaper half on more seeds (up to
 * all confirm seeds), moving a choice's node count up where the new seeds' mean misses a
 * constraint; a choice dropped earlier comes back whenever its screened cost undercuts the best
 * confirmed one. Every point is simulated once ({@link Evaluator}'s cache). Choices run in
 * parallel; results do not depend on the thread count.
 */
public final class Planner {
    private final Fleetsim fleetsim;
    private final int threads;

    public Planner(Fleetsim fleetsim, int threads) {
        this.fleetsim = fleetsim;
        this.threads = threads;
    }

    /** @throws RunCancelledException when {@code progress} cancels */
    public PlanResult plan(PlanSpec plan, PlanProgress progress) {
        long start = System.nanoTime();
        Evaluator evaluator = new Evaluator(fleetsim, plan, progress::cancelled, progress::ran);
        Search search = new Search(plan, evaluator);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "fleetsim-plan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<PlanSpec.Choice> choices = plan.choices();
            progress.phase(String.format(java.util.Locale.ROOT, "screening %d choice%s on %d seed%s, %d to %d nodes",
                    choices.size(), choices.size() == 1 ? "" : "s", plan.screenSeeds().size(),
                    plan.screenSeeds().size() == 1 ? "" : "s", search.minNodes(), plan.maxNodes()));
            List<Candidate> screened = all(pool, choices, c -> search.size(c, plan.screenSeeds(), search.minNodes(), 1.0,
                    "screened"));
            List<Candidate> confirmed = halve(pool, search, screened, progress);
            Optional<Candidate> chosen = confirmed.stream().filter(c -> c.confirmed() && c.withinBudget())
                    .min(Comparator.comparingDouble((Candidate c) -> c.costUsdPerMonth().mean()).thenComparing(Candidate::label));
            List<Sensitivity.Row> sensitivity = List.of();
            if (chosen.isPresent()) {
                progress.phase("sensitivity: binding constraint, load ±10 %, price ±10 %");
                sensitivity = new Sensitivity(plan, search, pool).rows(chosen.get(), confirmed);
            }
            List<Evaluation> points = evaluator.all();
            int paretoMetric = search.paretoMetric();
            return new PlanResult(plan, chosen, confirmed, points, paretoMetric, Pareto.front(points, paretoMetric,
                    plan.constraints().get(paretoMetric).metric().upper()),
                    sensitivity, evaluator.simulations(), plan.fullGrid(), (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Successive halving over ever more seeds, with re-admission of a dropped choice that could still win. */
    private List<Candidate> halve(ExecutorService pool, Search search, List<Candidate> screened, PlanProgress progress) {
        PlanSpec plan = search.plan();
        List<Candidate> state = new ArrayList<>(screened);
        int seeds = plan.screenSeeds().size();
        while (seeds < plan.confirmSeeds().size()) {
            seeds = Math.min(plan.confirmSeeds().size(), seeds * 2);
            List<Long> roundSeeds = plan.confirmSeeds().subList(0, seeds);
            List<Candidate> alive = state.stream().filter(c -> c.feasible() && !c.status().startsWith("dropped"))
                    .sorted(Comparator.comparingDouble((Candidate c) -> c.costUsdPerMonth().mean()).thenComparing(Candidate::label))
                    .toList();
            if (alive.isEmpty()) {
                break;
            }
            int keep = Math.max(1, (alive.size() + 1) / 2);
            List<Candidate> take = new ArrayList<>(alive.subList(0, keep));
            progress.phase(String.format(java.util.Locale.ROOT, "confirming %d of %d on %d seeds", take.size(), alive.size(),
                    seeds));
            List<Candidate> done = all(pool, take, c -> search.size(c.choice(), roundSeeds, c.nodes(), 1.0,
                    "confirmed on " + roundSeeds.size() + " seeds"));
            // A dropped choice whose cost so far is below the best confirmed one could still be the cheapest.
            while (true) {
                double best = done.stream().filter(Candidate::feasible).mapToDouble(c -> c.costUsdPerMonth().mean()).min()
                        .orElse(Double.POSITIVE_INFINITY);
                List<Candidate> back = state.stream().filter(Candidate::feasible)
                        .filter(c -> done.stream().noneMatch(d -> d.label().equals(c.label())))
                        .filter(c -> c.costUsdPerMonth().mean() < best).toList();
                if (back.isEmpty()) {
                    break;
                }
                progress.phase("re-admitting " + back.size() + " whose cost undercuts the best confirmed one");
                done.addAll(all(pool, back, c -> search.size(c.choice(), roundSeeds, c.nodes(), 1.0,
                        "confirmed on " + roundSeeds.size() + " seeds (re-admitted)")));
            }
            List<Candidate> next = new ArrayList<>();
            for (Candidate c : state) {
                Optional<Candidate> d = done.stream().filter(x -> x.label().equals(c.label())).findFirst();
                next.add(d.orElseGet(() -> c.feasible() && c.seeds() < roundSeeds.size() && !c.status().startsWith("dropped")
                        ? c.with("dropped before " + roundSeeds.size() + " seeds: " + String.format(java.util.Locale.ROOT,
                        "%,.0f USD/month on %d seed%s, above the ones kept", c.costUsdPerMonth().mean(), c.seeds(),
                        c.seeds() == 1 ? "" : "s")) : c));
            }
            state = next;
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : state) {
            boolean confirmed = c.feasible() && c.seeds() == plan.confirmSeeds().size();
            out.add(new Candidate(c.choice(), c.nodes(), c.seeds(), c.metrics(), c.costUsdPerMonth(), confirmed,
                    c.withinBudget(), c.status()));
        }
        return out;
    }

    static <T> List<Candidate> all(ExecutorService pool, List<T> items, Function<T, Candidate> task) {
        List<Future<Candidate>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> task.apply(item)));
        }
        List<Candidate> out = new ArrayList<>();
        for (Future<Candidate> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunCancelledException(0);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException) {
                    throw (RuntimeException) e.getCause();
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    /** Estimates over seeds, each seeded by its own name so the interval is reproducible. */
    static Estimate estimate(double[] values, String name) {
        return Estimate.of(values, name);
    }
}
