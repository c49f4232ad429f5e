package dev.fleetsim.engine.run;

import dev.fleetsim.engine.scenario.NetworkMode;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heap a run will need, estimated from the scenario before anything is built, so that a
 * cluster of a million nodes is refused with "needs about 14 GB of heap" instead of dying of
 * {@link OutOfMemoryError} half-way. The estimate counts what grows: GPUs and nodes (the
 * topology, the cluster state), network links (the link graph, the flow table's per-link
 * columns, routing; only with {@code network: flow}), and jobs (specs, runtime state, records,
 * the metrics' change points). The bytes per item were measured on this code base
 * (docs/PERFORMANCE.md, "Memory"), then rounded up, so the estimate errs on the large side.
 */
public final class RunFootprint {

    // Measured retained bytes per item after building and running (docs/PERFORMANCE.md), rounded up.
    static final double BYTES_PER_GPU = 40;
    static final double BYTES_PER_NODE = 200;
    static final double BYTES_PER_LINK = 400;
    static final double BYTES_PER_JOB = 2_000;
    static final double BYTES_PER_TIMESERIES_POINT = 200;
    /**
     * A serving request that may be alive at once: queued behind an overloaded deployment every
     * arrival is (bench serving holds 1 M requests in 144 MB; rounded up).
     */
    static final double BYTES_PER_REQUEST = 200;
    /** A flow of a collective: its path, its columns in the flow table, its plan entry. */
    static final double BYTES_PER_FLOW = 700;
    /** The JVM, the catalogue, the policies, Jackson: what a run of nothing holds. */
    static final double BASE_BYTES = 64e6;
    /** The most links the graph's arrays can index. */
    static final long MAX_LINKS = Integer.MAX_VALUE - 64;

    /** Items and the heap they need. */
    public record Estimate(long gpus, long nodes, long links, long jobs, double bytes, long flows, long requests) {
        public Estimate(long gpus, long nodes, long links, long jobs, double bytes) {
            this(gpus, nodes, links, jobs, bytes, 0, 0);
        }

        /** "1,000,000 nodes, 8,000,000 GPUs, 48,000,000 network links and 300 jobs". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            parts.add(count(nodes, "node"));
            parts.add(count(gpus, "GPU"));
            if (links > 0) {
                parts.add(count(links, "network link"));
            }
            if (jobs > 0) {
                parts.add(count(jobs, "job"));
            }
            if (flows > 0) {
                parts.add(count(flows, "flow"));
            }
            if (requests > 0) {
                parts.add(count(requests, "serving request"));
            }
            return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        }
    }

    private RunFootprint() {
    }

    private static String count(long n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    /** The estimate for a run of {@code spec}. */
    public static Estimate of(ScenarioSpec spec) {
        long jobs = spec.workload().jobs().size();
        for (GeneratorSpec g : spec.workload().generators()) {
            jobs += g.count();
        }
        for (TraceGeneratorSpec g : spec.workload().traceGenerators()) {
            jobs += g.count();
        }
        boolean flow = spec.simulation().network() == NetworkMode.FLOW;
        Estimate e = of(spec.cluster(), flow, jobs, spec.simulation().timeseriesPoints());
        double requests = 0;
        for (ServiceSpec s : spec.workload().services()) {
            requests += s.requests().mostRequests();
        }
        return new Estimate(e.gpus(), e.nodes(), e.links(), e.jobs(), e.bytes() + BYTES_PER_REQUEST * requests, 0,
                (long) Math.min(Long.MAX_VALUE / 2, requests));
    }

    /** The estimate for a cluster with its link graph (when {@code withLinks}) and {@code jobs} jobs. */
    public static Estimate of(ClusterSpec cluster, boolean withLinks, long jobs, int timeseriesPoints) {
        long nodes = 0;
        long gpus = 0;
        long nics = 0;
        long gpusWithNic = 0;
        int rails = 0;
        for (NodeGroupSpec g : cluster.nodeGroups()) {
            nodes += g.count();
            gpus += (long) g.count() * g.gpusPerNode();
            nics += (long) g.count() * g.nicsPerNode();
            gpusWithNic += g.nicsPerNode() > 0 ? (long) g.count() * g.gpusPerNode() : 0;
            rails = Math.max(rails, g.nicsPerNode());
        }
        long links = withLinks ? links(cluster.fabric(), nodes, gpus, nics, gpusWithNic, rails) : 0;
        double bytes = BASE_BYTES + BYTES_PER_GPU * gpus + BYTES_PER_NODE * nodes + BYTES_PER_LINK * links
                + BYTES_PER_JOB * jobs + BYTES_PER_TIMESERIES_POINT * timeseriesPoints;
        return new Estimate(gpus, nodes, links, jobs, bytes);
    }

    /** The estimate for one collective on an idle {@code cluster}: its graph and {@code flows} flows at once. */
    public static Estimate ofCollective(ClusterSpec cluster, long flows) {
        Estimate e = of(cluster, true, 0, 0);
        return new Estimate(e.gpus(), e.nodes(), e.links(), 0, e.bytes() + BYTES_PER_FLOW * flows, flows, 0);
    }

    /**
     * The links the flow network's graph will have, counted as it builds them: each GPU to its
     * switch and back, to its NIC and back, each NIC to its leaf and back, each leaf to each
     * spine of its pod and back, and each spine to each super-spine of its plane and back.
     */
    static long links(FabricSpec fabric, long nodes, long gpus, long nics, long gpusWithNic, int rails) {
        long leafGroups = nodes == 0 ? 0 : (nodes + fabric.nodesPerLeaf() - 1) / fabric.nodesPerLeaf();
        boolean rail = fabric.kind() == FabricSpec.Kind.RAIL_OPTIMISED;
        long leaves = rail ? leafGroups * rails : leafGroups;
        long spines = fabric.spines();
        long leavesPerPod = leaves;
        long superSpines = 0;
        if (fabric.pods().isPresent()) {
            FabricSpec.Pods pods = fabric.pods().get();
            long groupsPerPod = Math.max(1, pods.nodesPerPod() / Math.max(1, fabric.nodesPerLeaf()));
            leavesPerPod = Math.max(1, Math.min(leaves, rail ? groupsPerPod * Math.max(1, rails) : groupsPerPod));
            superSpines = pods.superSpines();
        }
        long podCount = leaves == 0 ? 0 : (leaves + leavesPerPod - 1) / Math.max(1, leavesPerPod);
        long links = 2 * gpus + 2 * gpusWithNic + 2 * nics + 2 * leaves * spines;
        if (podCount > 1) {
            links += 2 * podCount * spines * superSpines;
        }
        return links;
    }

    /** Most of the heap this JVM may use that a run can count on. */
    public static long availableHeapBytes() {
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory() == Long.MAX_VALUE ? rt.totalMemory() : rt.maxMemory();
        return (long) (max * 0.9);
    }

    /** Problems when {@code concurrentRuns} runs of {@code spec} would not fit in this JVM's heap; empty when they do. */
    public static List<Problem> problems(ScenarioSpec spec, int concurrentRuns) {
        Estimate e = of(spec);
        double jobBytes = e.jobs() * BYTES_PER_JOB;
        double requestBytes = e.requests() * BYTES_PER_REQUEST;
        if (jobBytes + requestBytes <= (e.bytes() - BASE_BYTES) / 2) {
            return problems(e, concurrentRuns, "cluster.nodeGroups",
                    "reduce the cluster (or use simulation.network: analytic, which builds no link graph)");
        }
        return requestBytes > jobBytes
                ? problems(e, concurrentRuns, "workload.services", "reduce the requests (a smaller count or duration)")
                : problems(e, concurrentRuns, "workload", "reduce the number of jobs");
    }

    /**
     * Problems when {@code concurrentRuns} times the estimate exceeds the available heap (reported
     * at {@code path}, with {@code reduce} as the other way out), or when the graph would have
     * more links than an array can index.
     */
    public static List<Problem> problems(Estimate e, int concurrentRuns, String path, String reduce) {
        List<Problem> out = new ArrayList<>();
        if (e.links() > MAX_LINKS) {
            out.add(new Problem(path, e.describe(), String.format(Locale.ROOT, "a fabric of at most %,d links"
                    + " (fewer leaves times spines: larger nodesPerLeaf, fewer spines)", MAX_LINKS)));
            return out;
        }
        double needed = e.bytes() * Math.max(1, concurrentRuns);
        long available = availableHeapBytes();
        if (needed > available) {
            out.add(new Problem(path, e.describe() + (concurrentRuns > 1 ? ", in " + concurrentRuns + " runs at once" : "")
                    + ", which need about " + gigabytes(needed) + " of heap",
                    "at most " + gigabytes(available) + ", what this JVM may use: raise -Xmx (FLEETSIM_JAVA_OPTS=-Xmx"
                            + (long) Math.ceil(needed / 0.9 / (1L << 30) + 1) + "g) or " + reduce));
        }
        return out;
    }

    /** Throws {@link RunRefusedException} when {@code concurrentRuns} runs of {@code spec} would not fit. */
    public static void check(ScenarioSpec spec, int concurrentRuns) {
        List<Problem> problems = problems(spec, concurrentRuns);
        if (!problems.isEmpty()) {
            throw new RunRefusedException(problems);
        }
    }

    static String gigabytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
