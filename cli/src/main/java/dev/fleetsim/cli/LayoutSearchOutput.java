package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.perf.LayoutSearch;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code fleetsim estimate FILE --search}: the layout search's best layouts as a table (or JSON),
 * and optionally as a JSON file. A thin printer over the engine's {@link LayoutSearch}.
 */
final class LayoutSearchOutput {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private LayoutSearchOutput() {
    }

    /**
     * Searches and prints. {@code ownLayout}: whether the job's layout in the file is valid (and
     * then its GPU count is the default of {@code --gpus}); else the default is every GPU of the
     * cluster's first node group's type.
     */
    static int run(Fleetsim fleetsim, ScenarioSpec spec, Path file, Integer gpusOption, int top, Path out, boolean json,
                   boolean ownLayout) throws Exception {
        TrainingJobSpec job;
        try {
            job = fleetsim.estimateJob(spec);
        } catch (IllegalArgumentException ex) {
            throw new UserError(file + ": " + ex.getMessage());
        }
        String gpuType = spec.cluster().nodeGroups().get(0).gpuType();
        // The search lays the job out from GPU 0 on, over GPUs of one type: those of the first node groups.
        int total = 0;
        for (var g : spec.cluster().nodeGroups()) {
            if (!g.gpuType().equals(gpuType)) {
                break;
            }
            total += g.count() * g.gpusPerNode();
        }
        // Without a valid layout of its own, the job's GPUs are known only from its gpus key (dp = gpus then).
        int gpus = gpusOption != null ? gpusOption : ownLayout || job.gpus() > 1 ? job.gpus() : total;
        if (gpus < 1 || gpus > total) {
            throw new UserError("--gpus: found " + gpus + "; expected 1 to " + total + ", the " + gpuType
                    + " GPUs the cluster has from its first node on");
        }
        if (!ownLayout && gpusOption == null && gpus == total) {
            System.err.println("note: searching " + gpus + " GPUs, every " + gpuType + " GPU of the cluster (--gpus N for fewer)");
        }
        if (top < 1) {
            throw new UserError("--top: found " + top + "; expected an integer of at least 1, how many layouts to print");
        }
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        LayoutSearch.Result r;
        try (CancelOnInterrupt hook = new CancelOnInterrupt(() -> cancelled.set(true))) {
            r = fleetsim.searchLayouts(spec, gpus, top, cancelled::get);
        }
        if (cancelled.get()) {
            System.err.println("cancelled");
            return Main.EXIT_CANCELLED;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String doc = json(job, gpus, r);
        if (out != null) {
            try {
                AtomicFiles.writeString(out, doc);
            } catch (java.io.IOException e) {
                throw new UserError("cannot write " + out + ": " + e.getMessage());
            }
        }
        System.out.print(json ? doc : text(job, gpuType, gpus, r, seconds));
        if (r.best().isEmpty()) {
            System.err.println("no layout of " + job.model().name() + " fits " + gpus + " GPUs of "
                    + gpuType + " (" + r.refusedForMemory() + " of " + r.enumerated()
                    + " layouts overflow the memory)");
            return Main.EXIT_BAD_INPUT;
        }
        return Main.EXIT_OK;
    }

    static String layout(ParallelismSpec p) {
        List<String> parts = new ArrayList<>(List.of("tp " + p.tp(), "pp " + p.pp(), "dp " + p.dp(), "v " + p.virtualStages()));
        if (p.cp() > 1) {
            parts.add("cp " + p.cp());
        }
        if (p.ep() > 1) {
            parts.add("ep " + p.ep());
        }
        if (p.etp() > 1) {
            parts.add("etp " + p.etp());
        }
        return String.join(", ", parts);
    }

    private static String text(TrainingJobSpec job, String gpuType, int gpus, LayoutSearch.Result r, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Layouts of %s, global batch %d, %s, on %d x %s: %,d enumerated, %,d over the "
                        + "memory, %,d pruned, %,d costed in %.1f s%n", job.model().name(), job.globalBatchSeqs(),
                job.precision().key(), gpus, gpuType, r.enumerated(), r.refusedForMemory(), r.pruned(),
                r.costed(), seconds));
        sb.append(String.format(Locale.ROOT, "%4s %4s %4s %3s %3s %3s %4s %3s %-9s %4s | %10s %7s %6s %7s | %6s %6s %6s %6s %6s %6s %6s%n",
                "rank", "tp", "pp", "v", "cp", "ep", "dp", "mb", "recompute", "zero", "tok/s/GPU", "MFU", "GiB", "iter s",
                "comp", "bubble", "tp", "pp", "dp", "cp", "ep"));
        int rank = 1;
        for (LayoutSearch.Candidate c : r.best()) {
            ParallelismSpec p = c.job().parallelism();
            StepEstimate e = c.estimate();
            double t = e.iterationTimeS();
            sb.append(String.format(Locale.ROOT, "%4d %4d %4d %3d %3d %3d %4d %3d %-9s %4d | %,10.0f %6.1f%% %6.1f %7.2f"
                            + " | %5.1f%% %5.1f%% %5.1f%% %5.1f%% %5.1f%% %5.1f%% %5.1f%%%n", rank++, p.tp(), p.pp(),
                    p.virtualStages(), p.cp(), p.ep(), p.dp(), c.job().microBatchSeqs(),
                    c.job().recompute().name().toLowerCase(Locale.ROOT), c.job().zeroStage(), e.tokensPerSecondPerGpu(),
                    100 * e.mfu(), e.memory().totalBytes() / GIB, t, 100 * e.computeS() / t, 100 * e.bubbleS() / t,
                    100 * e.tpCommS() / t, 100 * e.ppCommS() / t, 100 * e.dpCommS() / t, 100 * e.cpCommS() / t,
                    100 * e.epCommS() / t));
        }
        return sb.toString();
    }

    private static String json(TrainingJobSpec job, int gpus, LayoutSearch.Result r) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", job.model().name());
        root.put("gpus", gpus);
        root.put("globalBatch", job.globalBatchSeqs());
        root.put("precision", job.precision().key());
        root.put("enumerated", r.enumerated());
        root.put("refusedForMemory", r.refusedForMemory());
        root.put("pruned", r.pruned());
        root.put("costed", r.costed());
        ArrayNode layouts = root.putArray("layouts");
        for (LayoutSearch.Candidate c : r.best()) {
            ParallelismSpec p = c.job().parallelism();
            ObjectNode n = layouts.addObject();
            ObjectNode par = n.putObject("parallelism");
            par.put("tp", p.tp()).put("pp", p.pp()).put("dp", p.dp()).put("cp", p.cp()).put("ep", p.ep()).put("etp", p.etp());
            n.put("virtualStages", p.virtualStages());
            n.put("microBatch", c.job().microBatchSeqs());
            n.put("recompute", c.job().recompute().name().toLowerCase(Locale.ROOT));
            n.put("zeroStage", c.job().zeroStage());
            n.set("estimate", mapper.readTree(EstimateCommand.json(c.estimate())));
        }
        return mapper.writeValueAsString(root) + "\n";
    }
}
