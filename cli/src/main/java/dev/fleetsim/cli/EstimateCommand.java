package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.perf.MemoryBreakdown;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.run.Placements;
import dev.fleetsim.engine.run.ScenarioRunner;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.policies.placement.FirstFitPlacement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim estimate FILE}: the step-time breakdown of the one training job in a file,
 * placed first-fit on an otherwise empty cluster, without running a simulation.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, subcommands = EstimateCollectiveCommand.class,
        description = {"Print the step-time breakdown of the single training job in a scenario file.",
                "'estimate collective' prints an nccl-tests-style table of one collective instead."})
final class EstimateCommand implements Callable<Integer> {
    private static final double GIB = 1024.0 * 1024 * 1024;

    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "scenario file with a cluster and exactly one job in workload.jobs")
    Path file;

    @Option(names = "--json", description = "print JSON with the keys iterationTimeS, tokensPerSecondPerGpu, "
            + "modelTflopsPerGpu, hardwareTflopsPerGpu, mfu, memoryPerGpuGiB, breakdown")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (file == null) {
            throw new UserError("estimate needs a scenario FILE (or the subcommand 'collective'); see 'fleetsim estimate --help'");
        }
        ScenarioSpec spec = ScenarioFiles.load(file, PolicyRegistry.load());
        if (spec.workload().jobs().size() != 1 || !spec.workload().generators().isEmpty()) {
            throw new UserError(file + ": estimate needs exactly one job in workload.jobs and no generators; found "
                    + spec.workload().jobs().size() + " jobs and " + spec.workload().generators().size() + " generators");
        }
        TrainingJobSpec job = spec.workload().jobs().get(0);
        Topology topology = Topology.build(spec.cluster(), spec.hardware());
        StepTimeModel model = ScenarioRunner.stepModel(spec).apply(topology);
        int[] gpus = place(job, topology, model, spec);
        StepEstimate e = model.estimate(job, topology, gpus);
        System.out.print(json ? json(e) : text(job, topology, gpus, e));
        return Main.EXIT_OK;
    }

    private static int[] place(TrainingJobSpec job, Topology topology, StepTimeModel model, ScenarioSpec spec) {
        Set<String> types = new LinkedHashSet<>();
        for (Topology.Node n : topology.nodes()) {
            GpuSpec gpu = n.gpu();
            if (job.gpuType().map(t -> t.equals(gpu.name())).orElse(true) && model.memory(job, gpu).fits()) {
                types.add(gpu.name());
            }
        }
        // first fit on an idle cluster is the packed placement; the ideal speed is what we are computing
        JobView view = new JobView(job.id(), job, 0, job.gpus(), new ArrayList<>(types), 0.0);
        return new FirstFitPlacement().place(view, new ClusterState(topology).readOnlyView(), new BitSet())
                .orElseThrow(() -> new UserError("job " + job.id() + " needs " + job.gpus()
                        + " GPUs of a type it fits on (" + (types.isEmpty() ? "none" : String.join(", ", types))
                        + "); the cluster has " + spec.cluster().totalGpus() + " GPUs"));
    }

    static String json(StepEstimate e) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("iterationTimeS", e.iterationTimeS());
        root.put("tokensPerSecondPerGpu", e.tokensPerSecondPerGpu());
        root.put("modelTflopsPerGpu", e.modelTflopsPerGpu());
        root.put("hardwareTflopsPerGpu", e.hardwareTflopsPerGpu());
        root.put("mfu", e.mfu());
        root.put("memoryPerGpuGiB", e.memory().totalBytes() / GIB);
        ObjectNode b = root.putObject("breakdown");
        double t = e.iterationTimeS();
        b.put("compute", e.computeS() / t);
        b.put("bubble", e.bubbleS() / t);
        b.put("tp", e.tpCommS() / t);
        b.put("pp", e.ppCommS() / t);
        b.put("dp", e.dpCommS() / t);
        b.put("other", e.otherS() / t);
        return mapper.writeValueAsString(root) + "\n";
    }

    static String text(TrainingJobSpec job, Topology topology, int[] gpus, StepEstimate e) {
        List<String> lines = new ArrayList<>();
        var p = job.parallelism();
        lines.add(String.format(Locale.ROOT, "Job %s: %s, %d x %s (tp %d, pp %d, dp %d, v %d), %s, global batch %d, "
                        + "micro-batch %d, recompute %s, ZeRO %d", job.id(), job.model().name(), job.gpus(),
                topology.gpuSpecOf(gpus[0]).name(), p.tp(), p.pp(), p.dp(), p.virtualStages(), job.precision().key(),
                job.globalBatchSeqs(), job.microBatchSeqs(), job.recompute().name().toLowerCase(Locale.ROOT), job.zeroStage()));
        lines.add("  placement              " + Placements.describe(topology, gpus));
        lines.add(fmt("  iteration time         %.3f s", e.iterationTimeS()));
        lines.add(fmt("  tokens/s per GPU       %,.1f", e.tokensPerSecondPerGpu()));
        lines.add(fmt("  model TFLOP/s per GPU  %.1f  (6·N·tokens + attention, recompute not counted)", e.modelTflopsPerGpu()));
        lines.add(fmt("  hw TFLOP/s per GPU     %.1f  (recompute counted, Megatron Eq. 3)", e.hardwareTflopsPerGpu()));
        lines.add(fmt("  MFU                    %.1f %%", 100 * e.mfu()));
        MemoryBreakdown m = e.memory();
        lines.add(fmt("  memory per GPU         %.1f of %.1f GiB: weights %.1f, gradients %.1f, optimizer %.1f, "
                        + "activations %.1f, workspace %.1f", m.totalBytes() / GIB, m.capacityBytes() / GIB,
                m.weightsBytes() / GIB, m.gradientsBytes() / GIB, m.optimizerBytes() / GIB, m.activationsBytes() / GIB,
                m.workspaceBytes() / GIB));
        double t = e.iterationTimeS();
        lines.add(fmt("  breakdown              compute %.1f %%, bubble %.1f %%, TP %.1f %%, PP %.1f %%, DP %.1f %%, other %.1f %%",
                100 * e.computeS() / t, 100 * e.bubbleS() / t, 100 * e.tpCommS() / t, 100 * e.ppCommS() / t,
                100 * e.dpCommS() / t, 100 * e.otherS() / t));
        return String.join("\n", lines) + "\n";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
