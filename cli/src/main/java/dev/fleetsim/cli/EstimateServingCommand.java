package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.LatencySummary;
import dev.fleetsim.engine.metrics.ServiceSummary;
import dev.fleetsim.engine.run.JobNotPlaceableException;
import dev.fleetsim.engine.run.ServingEstimate;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Units;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim estimate serving FILE}: one deployment's memory and iteration times, its
 * latencies at a request rate, and the highest rate at which it meets its objectives, found by
 * simulating it alone on its replicas' ideal placement (a thin client of the façade's
 * {@code estimateServing}).
 */
@Command(name = "serving", mixinStandardHelpOptions = true,
        description = {"Estimate one inference deployment: latency at a rate and the highest rate meeting its SLOs.",
                "Simulates the deployment alone on its replicas' first-fit GPUs at iteration level."})
final class EstimateServingCommand implements Callable<Integer> {
    private static final double GIB = 1024.0 * 1024 * 1024;

    @Parameters(paramLabel = "FILE", description = "scenario file with a cluster and a service in workload.services")
    Path file;

    @Option(names = "--service", paramLabel = "NAME",
            description = "the service to estimate (default: the scenario's only one)")
    String service;

    @Option(names = "--rate", paramLabel = "REQ_PER_S",
            description = "requests per second to report latencies at (default: the service's rate)")
    Double rate;

    @Option(names = "--requests", paramLabel = "N",
            description = "requests per simulation (default: a minute of traffic, 1,000 to 10,000)")
    Long requests;

    @Option(names = "--json", description = "print JSON: service, gpuType, placements, memory, prefillS, decodeStepS, "
            + "ratePerS, atRate, atRateSteadyAttainment, maxRatePerS, atMaxRate, atMaxRateSteadyAttainment, trials")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
            throw new UserError("--rate: found " + rate + "; expected a number of requests per second above 0");
        }
        if (requests != null && requests < 100) {
            throw new UserError("--requests: found " + requests + "; expected at least 100");
        }
        Fleetsim fleetsim = Fleetsim.create();
        ScenarioSpec spec = ScenarioFiles.load(fleetsim, file);
        ServingEstimate e;
        try {
            e = fleetsim.estimateServing(spec, Optional.ofNullable(service), rate == null ? 0 : rate,
                    requests == null ? 0 : requests);
        } catch (JobNotPlaceableException | IllegalArgumentException ex) {
            throw new UserError(file + ": " + ex.getMessage());
        }
        System.out.print(json ? json(e) : text(e));
        return Main.EXIT_OK;
    }

    static String text(ServingEstimate e) {
        ServiceSpec s = e.service();
        var m = e.memory();
        List<String> lines = new ArrayList<>();
        lines.add(fmt("Service %s: %s, weights %s, KV cache %s, %d replica(s) of %d x %s (tp %d, pp %d), router %s",
                s.name(), s.model().name(), s.weights().key(), s.kvCache().key(),
                s.disaggregation().map(d -> d.prefillReplicas() + d.decodeReplicas()).orElse(s.replicas()),
                s.gpusPerReplica(), e.gpuType(), s.tp(), s.pp(), s.router().key()));
        lines.add("  placement          " + String.join(" | ", e.placements()));
        lines.add(fmt("  memory per GPU     %.1f GiB usable: weights %.1f, workspace %.1f, KV cache %.1f GiB = %,d tokens "
                        + "(%,d blocks of %d)", m.usableBytes() / GIB, m.weightsBytes() / GIB, m.workspaceBytes() / GIB,
                m.kvBytes() / GIB, m.kvTokens(), m.kvBlocks(), m.blockTokens()));
        lines.add(fmt("  iteration          prefill of a mean prompt alone %s; one decode at the mean context %s",
                duration(e.prefillS()), duration(e.decodeStepS())));
        lines.add(fmt("  objectives         TTFT <= %s and TPOT <= %s for %.0f %% of requests", duration(s.slo().ttftNs() / 1e9),
                duration(s.slo().tpotNs() / 1e9), 100 * s.slo().attainment()));
        lines.add(fmt("  at %.3g req/s: %.1f %% meet the objectives in the steady part of the trial", e.ratePerS(),
                100 * e.atRateSteadyAttainment()));
        lines.addAll(summary(e.atRate()));
        if (e.atMaxRate() == null) {
            lines.add("  highest rate       none: the objectives are not met even at the lowest rate tried");
        } else {
            lines.add(fmt("  highest rate meeting the objectives: %.3g req/s (within %.0f %%), %.1f %% meet them in the "
                    + "steady part", e.maxRatePerS(), 100 * 0.02, 100 * e.atMaxRateSteadyAttainment()));
            lines.addAll(summary(e.atMaxRate()));
        }
        lines.add(fmt("  search             %d simulations of %,d requests", e.trials(), e.requestsPerTrial()));
        return String.join("\n", lines) + "\n";
    }

    private static List<String> summary(ServiceSummary v) {
        List<String> out = new ArrayList<>();
        out.add(fmt("    whole trial      %.2f req/s, %,.0f output tok/s; SLO attainment %.1f %% (TTFT %.1f %%, TPOT %.1f %%)",
                v.throughput().requestsPerS(), v.throughput().outputTokensPerS(), 100 * v.slo().attainment(),
                100 * v.slo().ttftAttainment(), 100 * v.slo().tpotAttainment()));
        out.add("    TTFT             " + latency(v.latency().ttftS()));
        out.add("    TPOT             " + latency(v.latency().tpotS()));
        out.add("    E2E              " + latency(v.latency().e2eS()));
        out.add(fmt("    batch            %.1f requests running over all replicas on average, largest batch %d; KV cache "
                        + "%.1f %% used on average, peak %.1f %%; %,d preemptions", v.batching().meanRunning(), v.batching().maxBatch(),
                100 * v.kv().meanUtilisation(), 100 * v.kv().peakUtilisation(), v.requests().preemptions()));
        return out;
    }

    static String json(ServingEstimate e) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("service", e.service().name());
        root.put("gpuType", e.gpuType());
        root.set("placements", mapper.valueToTree(e.placements()));
        root.set("memory", mapper.valueToTree(e.memory()));
        root.put("prefillS", e.prefillS());
        root.put("decodeStepS", e.decodeStepS());
        root.put("ratePerS", e.ratePerS());
        root.set("atRate", mapper.valueToTree(e.atRate()));
        root.put("atRateSteadyAttainment", e.atRateSteadyAttainment());
        root.put("maxRatePerS", e.maxRatePerS());
        root.set("atMaxRate", e.atMaxRate() == null ? null : mapper.valueToTree(e.atMaxRate()));
        root.put("atMaxRateSteadyAttainment", e.atMaxRateSteadyAttainment());
        root.put("requestsPerTrial", e.requestsPerTrial());
        root.put("trials", e.trials());
        return mapper.writeValueAsString(root) + "\n";
    }

    private static String latency(LatencySummary d) {
        return d.count() == 0 ? "-" : "mean " + duration(d.mean()) + ", p50 " + duration(d.p50()) + ", p90 "
                + duration(d.p90()) + ", p99 " + duration(d.p99());
    }

    private static String duration(double s) {
        return Units.formatDuration(Math.round(s * 1e9));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
