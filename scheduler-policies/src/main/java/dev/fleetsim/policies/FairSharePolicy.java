package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;
import dev.fleetsim.policies.round.RoundPlan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fair share across tenants with quotas and borrowing, in the vocabulary of Kubernetes Kueue.
 * Each tenant has a nominal quota of GPUs; tenants of one cohort lend each other the quota they
 * do not use, each up to its borrowing limit. The tenant furthest below its quota (smallest
 * usage / nominal quota) is served next, its jobs in submit order, skipping one that does not
 * fit (best-effort FIFO); a job is admitted only within its tenant's quota or by borrowing
 * unused cohort quota. With reclaim on, a job that fits its tenant's nominal quota but finds no
 * free GPUs preempts jobs of tenants of its cohort that are borrowing, the most over quota
 * first. With no tenants configured, every tenant with work is given an equal nominal share of
 * the cluster, all in one cohort without borrowing limits: max-min fair sharing.
 */
public final class FairSharePolicy implements SchedulingPolicy {
    static final String DEFAULT_COHORT = "default";

    private final PlacementStrategy placement;
    private final Map<String, TenantQuota> quotas;
    private final boolean reclaim;

    public FairSharePolicy(PlacementStrategy placement, List<TenantQuota> quotas, boolean reclaim) {
        this.placement = placement;
        this.quotas = new TreeMap<>();
        quotas.forEach(q -> this.quotas.put(q.tenant(), q));
        this.reclaim = reclaim;
    }

    /** The round's quota books: nominal quota, borrowing limit and cohort per tenant, usage per tenant and cohort. */
    private final class Books {
        final Map<String, Double> nominal = new TreeMap<>();
        final Map<String, Double> usage = new TreeMap<>();
        final Map<String, Double> cohortNominal = new TreeMap<>();
        final Map<String, Double> cohortUsage = new TreeMap<>();

        Books(SchedulingContext context) {
            TreeSet<String> tenants = new TreeSet<>(quotas.keySet());
            context.queue().forEach(j -> tenants.add(j.tenant()));
            context.running().forEach(r -> tenants.add(r.tenant()));
            int totalGpus = context.cluster().topology().gpuCount();
            for (String t : tenants) {
                double n = quotas.isEmpty() ? (double) totalGpus / tenants.size()
                        : quotas.containsKey(t) ? quotas.get(t).nominalGpus() : 0;
                nominal.put(t, n);
                cohortNominal.merge(cohort(t), n, Double::sum);
            }
            for (RunningJobView r : context.running()) {
                use(r.tenant(), r.gpus());
            }
        }

        void use(String tenant, double gpus) {
            usage.merge(tenant, gpus, Double::sum);
            cohortUsage.merge(cohort(tenant), gpus, Double::sum);
        }

        double usage(String tenant) {
            return usage.getOrDefault(tenant, 0.0);
        }

        boolean withinNominal(String tenant, int gpus) {
            return usage(tenant) + gpus <= nominal.get(tenant);
        }

        boolean canBorrow(String tenant, int gpus) {
            double over = usage(tenant) + gpus - nominal.get(tenant);
            return over <= borrowingLimit(tenant)
                    && cohortUsage.getOrDefault(cohort(tenant), 0.0) + gpus <= cohortNominal.get(cohort(tenant));
        }

        /** GPUs the tenants of a cohort use beyond their nominal quotas: what a reclaim can win back. */
        double borrowedIn(String cohortName) {
            double sum = 0;
            for (Map.Entry<String, Double> e : nominal.entrySet()) {
                if (cohort(e.getKey()).equals(cohortName)) {
                    sum += Math.max(0, usage(e.getKey()) - e.getValue());
                }
            }
            return sum;
        }

        /** Usage over nominal quota; tenants with no quota rank after all that have one. */
        double share(String tenant) {
            double n = nominal.get(tenant);
            return n > 0 ? usage(tenant) / n : Double.POSITIVE_INFINITY;
        }
    }

    private String cohort(String tenant) {
        TenantQuota q = quotas.get(tenant);
        return q == null ? DEFAULT_COHORT : q.cohort();
    }

    private double borrowingLimit(String tenant) {
        TenantQuota q = quotas.get(tenant);
        return q == null || q.borrowingLimitGpus().isEmpty() ? Double.POSITIVE_INFINITY : q.borrowingLimitGpus().getAsLong();
    }

    @Override
    public SchedulingDecision schedule(SchedulingContext context) {
        RoundPlan plan = new RoundPlan(context, placement);
        Books books = new Books(context);
        Map<String, List<JobView>> byTenant = new TreeMap<>();
        for (JobView j : context.queue()) {
            byTenant.computeIfAbsent(j.tenant(), k -> new ArrayList<>()).add(j);
        }
        Map<String, Integer> next = new TreeMap<>();
        while (true) {
            String tenant = null;
            for (String t : byTenant.keySet()) {
                if (next.getOrDefault(t, 0) < byTenant.get(t).size() && (tenant == null || books.share(t) < books.share(tenant)
                        || books.share(t) == books.share(tenant) && books.usage(t) < books.usage(tenant))) {
                    tenant = t;
                }
            }
            if (tenant == null || (plan.freeGpus() == 0 && !reclaim)) {
                break;
            }
            List<JobView> jobs = byTenant.get(tenant);
            int i = next.getOrDefault(tenant, 0);
            while (i < jobs.size() && !admit(jobs.get(i), plan, books, context)) {
                i++;
            }
            next.put(tenant, Math.min(jobs.size(), i + 1));
        }
        return plan.decision(OptionalLong.empty());
    }

    /** Starts the job if its tenant's quota allows it and it fits, reclaiming quota if needed. */
    private boolean admit(JobView job, RoundPlan plan, Books books, SchedulingContext context) {
        String tenant = job.tenant();
        boolean nominal = books.withinNominal(tenant, job.gpus());
        if (!nominal && !books.canBorrow(tenant, job.gpus())) {
            return false;
        }
        if (plan.place(job)) {
            books.use(tenant, job.gpus());
            return true;
        }
        if (!reclaim || !nominal || job.gpus() > plan.freeGpus() + books.borrowedIn(cohort(tenant))) {
            return false;
        }
        List<RunningJobView> borrowers = new ArrayList<>();
        for (RunningJobView r : context.running()) {
            String owner = r.tenant();
            if (!owner.equals(tenant) && cohort(owner).equals(cohort(tenant)) && books.usage(owner) > books.nominal.get(owner)
                    && !plan.isPreempted(r.id())) {
                borrowers.add(r);
            }
        }
        borrowers.sort(Comparator.comparingDouble((RunningJobView r) ->
                        -(books.usage(r.tenant()) - books.nominal.get(r.tenant())))
                .thenComparingLong(r -> -r.startTimeNs()).thenComparing(RunningJobView::id));
        List<RunningJobView> stopped = plan.placeByPreempting(job, borrowers, v -> new Explanation(v.id(), "preempted",
                String.format(Locale.ROOT, "quota reclaimed by %s of tenant %s (within its nominal quota of %.0f GPUs);"
                        + " tenant %s was borrowing", job.id(), tenant, books.nominal.get(tenant), v.tenant()),
                Map.of("for", job.id(), "tenant", v.tenant())));
        if (stopped.isEmpty()) {
            return false;
        }
        for (RunningJobView v : stopped) {
            books.use(v.tenant(), -v.gpus());
        }
        books.use(tenant, job.gpus());
        return true;
    }
}
