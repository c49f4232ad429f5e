package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.perf.MemoryBreakdown;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.run.JobNotPlaceableException;
import dev.fleetsim.engine.run.TrainingEstimate;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim estimate FILE}: the step-time breakdown of the one training job in a file on
 * its ideal placement (first fit on the idle cluster), without running a simulation: the same
 * figures a run records as the job's ideal iteration time.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        subcommands = {EstimateCollectiveCommand.class, EstimateServingCommand.class},
        description = {"Print the step-time breakdown of the single training job in a scenario file.",
                "'estimate collective' prints an nccl-tests-style table of one collective instead;",
                "'estimate serving' estimates an inference deployment (latency at a rate, highest rate meeting its SLOs)."})
final class EstimateCommand implements Callable<Integer> {
    private static final double GIB = 1024.0 * 1024 * 1024;

    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "scenario file with a cluster and exactly one job in workload.jobs")
    Path file;

    @Option(names = "--search", description = "search the parallel layouts (tp, pp, virtual stages, cp, ep, dp, "
            + "micro-batch, recompute, ZeRO) of the job's model and batch and print the best by tokens/s per GPU")
    boolean search;

    @Option(names = "--gpus", paramLabel = "N", description = "with --search: GPUs to lay the job out on "
            + "(default: the job's own count)")
    Integer searchGpus;

    @Option(names = "--top", paramLabel = "K", description = "with --search: how many layouts to print (default 10)")
    Integer top;

    @Option(names = "--out", paramLabel = "FILE", description = "with --search: also write the layouts as JSON to FILE")
    Path out;

    @Option(names = "--json", description = "print JSON with the keys iterationTimeS, tokensPerSecondPerGpu, "
            + "modelTflopsPerGpu, hardwareTflopsPerGpu, mfu, memoryPerGpuGiB, breakdown")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (file == null) {
            throw new UserError("FILE: found nothing; expected a scenario file with one job (or the subcommand"
                    + " 'collective'); see 'fleetsim estimate --help'");
        }
        if (!search) {
            // These shape the search only: silently ignoring them would print an estimate the user did not ask for.
            String ignored = searchGpus != null ? "--gpus" : top != null ? "--top" : out != null ? "--out" : null;
            if (ignored != null) {
                throw new UserError(ignored + ": found it without --search; expected it only with --search (it shapes the"
                        + " layout search), or drop it");
            }
        }
        if (out != null) {
            OutputFiles.check("--out", out);
        }
        Fleetsim fleetsim = Fleetsim.create();
        if (search) {
            return searchLayouts(fleetsim);
        }
        ScenarioSpec spec = ScenarioFiles.load(fleetsim, file);
        TrainingEstimate e;
        try {
            e = fleetsim.estimate(spec);
        } catch (JobNotPlaceableException ex) {
            throw new UserError(file + ": workload.jobs[0]: found " + ex.getMessage()
                    + "; expected a job the idle cluster can hold");
        } catch (IllegalArgumentException ex) {
            throw new UserError(file + ": " + ex.getMessage());
        }
        if (e.job().parallelism().etp() > 1) {
            // Costed as sharded expert GEMMs only: say so rather than let the figure look complete.
            System.err.println("note: etp " + e.job().parallelism().etp() + ": the expert MLPs' own tensor-parallel"
                    + " communication is not costed (their GEMMs are sharded), so the step time is optimistic;"
                    + " docs/VALIDATION.md, \"Known gaps\"");
        }
        System.out.print(json ? json(e.estimate()) : text(e));
        return Main.EXIT_OK;
    }

    /**
     * The layout search starts from the model, batch and cluster: the file's own layout is only a
     * starting point, so a file whose layout does not divide the model or fit the GPUs is searched
     * all the same (its layout's problems are shown as a note), and only the other problems refuse it.
     */
    private int searchLayouts(Fleetsim fleetsim) throws Exception {
        dev.fleetsim.engine.Validation whole = fleetsim.validate(file);
        if (whole.valid()) {
            return LayoutSearchOutput.run(fleetsim, whole.spec().orElseThrow(), file, searchGpus, top == null ? 10 : top,
                    out, json, true);
        }
        dev.fleetsim.engine.Validation free = fleetsim.validateWithoutLayouts(file);
        // Problems beyond the layout: all of them, the layout's too, as a plain estimate would list them.
        ScenarioSpec spec = ScenarioFiles.load(file, free.valid() ? free : whole);
        System.err.println("note: the file's own layout is not valid, so the search starts from the model, batch and"
                + " cluster alone:\n" + whole.problems().stream().map(p -> "  " + p)
                .collect(java.util.stream.Collectors.joining("\n")));
        return LayoutSearchOutput.run(fleetsim, spec, file, searchGpus, top == null ? 10 : top, out, json, false);
    }

    static String json(StepEstimate e) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("iterationTimeS", Finite.check("iteration time", e.iterationTimeS()));
        root.put("tokensPerSecondPerGpu", Finite.check("tokens/s per GPU", e.tokensPerSecondPerGpu()));
        root.put("modelTflopsPerGpu", Finite.check("model TFLOP/s per GPU", e.modelTflopsPerGpu()));
        root.put("hardwareTflopsPerGpu", Finite.check("hardware TFLOP/s per GPU", e.hardwareTflopsPerGpu()));
        root.put("mfu", Finite.check("MFU", e.mfu()));
        root.put("memoryPerGpuGiB", Finite.check("memory per GPU", e.memory().totalBytes() / GIB));
        ObjectNode b = root.putObject("breakdown");
        double t = e.iterationTimeS();
        b.put("compute", Finite.check("compute share", e.computeS() / t));
        b.put("bubble", Finite.check("bubble share", e.bubbleS() / t));
        b.put("tp", Finite.check("TP share", e.tpCommS() / t));
        b.put("pp", Finite.check("PP share", e.ppCommS() / t));
        b.put("dp", Finite.check("DP share", e.dpCommS() / t));
        b.put("other", Finite.check("other share", e.otherS() / t));
        b.put("cp", Finite.check("CP share", e.cpCommS() / t));
        b.put("ep", Finite.check("EP share", e.epCommS() / t));
        // The compute share split by operation class: an object, so the numbers of breakdown still add up to 1.
        ObjectNode split = b.putObject("computeByClass");
        split.put("gemm", Finite.check("GEMM share", e.computeByClass().gemmS() / t));
        split.put("attention", Finite.check("attention share", e.computeByClass().attentionS() / t));
        split.put("memoryBound", Finite.check("memory-bound share", e.computeByClass().memoryBoundS() / t));
        split.put("fp8Cast", Finite.check("FP8 cast share", e.computeByClass().castS() / t));
        split.put("hostWait", Finite.check("host-wait share", e.computeByClass().hostWaitS() / t));
        split.put("optimizer", Finite.check("optimizer share", e.optimizerS() / t));
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("a tree of finite numbers always serialises", ex);
        }
    }

    static String text(TrainingEstimate estimate) {
        TrainingJobSpec job = estimate.job();
        StepEstimate e = estimate.estimate();
        json(e); // the same finiteness checks, before anything is printed
        List<String> lines = new ArrayList<>();
        var p = job.parallelism();
        lines.add(String.format(Locale.ROOT, "Job %s: %s, %d x %s (%s), %s, global batch %d, "
                        + "micro-batch %d, recompute %s, ZeRO %d", job.id(), job.model().name(), job.gpus(),
                estimate.gpuType(), LayoutSearchOutput.layout(p), job.precision().key(),
                job.globalBatchSeqs(), job.microBatchSeqs(), job.recompute().name().toLowerCase(Locale.ROOT), job.zeroStage()));
        lines.add("  placement              " + estimate.placement());
        lines.add(fmt("  iteration time         %.3f s", e.iterationTimeS()));
        lines.add(fmt("  tokens/s per GPU       %,.1f", e.tokensPerSecondPerGpu()));
        // Two conventions: a user comparing with a paper's MFU wants the first, with Megatron's log the second.
        lines.add(fmt("  model TFLOP/s per GPU  %.1f  (PaLM: 6·N·tokens with the embeddings in N, full s² attention;"
                + " recompute not counted)", e.modelTflopsPerGpu()));
        lines.add(fmt("  hw TFLOP/s per GPU     %.1f  (executed by the kernels, causal attention, recompute counted;"
                + " without recompute, Megatron-Core's own count)", e.hardwareTflopsPerGpu()));
        lines.add(fmt("  MFU                    %.1f %%", 100 * e.mfu()));
        MemoryBreakdown m = e.memory();
        lines.add(fmt("  memory per GPU         %.1f of %.1f GiB: weights %.1f, gradients %.1f, optimizer %.1f, "
                        + "activations %.1f, workspace %.1f", m.totalBytes() / GIB, m.capacityBytes() / GIB,
                m.weightsBytes() / GIB, m.gradientsBytes() / GIB, m.optimizerBytes() / GIB, m.activationsBytes() / GIB,
                m.workspaceBytes() / GIB));
        double t = e.iterationTimeS();
        lines.add(fmt("  breakdown              compute %.1f %%, bubble %.1f %%, TP %.1f %%, PP %.1f %%, DP %.1f %%, "
                        + "CP %.1f %%, EP %.1f %%, other %.1f %%", 100 * e.computeS() / t, 100 * e.bubbleS() / t,
                100 * e.tpCommS() / t, 100 * e.ppCommS() / t, 100 * e.dpCommS() / t, 100 * e.cpCommS() / t,
                100 * e.epCommS() / t, 100 * e.otherS() / t));
        lines.add(fmt("  compute                GEMMs %.1f %%, attention %.1f %%, memory-bound %.1f %%, FP8 casts %.1f %%, "
                        + "waiting on the host %.1f %%, optimizer %.1f %%", 100 * e.computeByClass().gemmS() / t,
                100 * e.computeByClass().attentionS() / t, 100 * e.computeByClass().memoryBoundS() / t,
                100 * e.computeByClass().castS() / t, 100 * e.computeByClass().hostWaitS() / t, 100 * e.optimizerS() / t));
        return String.join("\n", lines) + "\n";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
