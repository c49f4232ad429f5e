package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.run.RunCancelledException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a sweep into its folder: {@code experiment.yaml} (the resolved experiment) first, then
 * every point on the {@link SweepRunner}'s pool into {@code points/<id>/}, each written whole as
 * it finishes, so a sweep killed at any moment keeps every point it finished and, run again,
 * reuses them ({@link SweepPoints}); the sweep's own tables and {@code sweep.json} are written
 * once all points are there ({@code sweep.json} last: a folder with it is a complete sweep).
 */
public final class Sweeps {
    public static final String EXPERIMENT = "experiment.yaml";
    public static final String DONE = "sweep.json";
    /** Threads writing point folders: the syncs wait on the disk, not the CPU, so a few overlap well. */
    private static final int WRITERS = 3;

    private Sweeps() {
    }

    /**
     * Runs (or resumes) every point of {@code plan} into {@code dir}.
     *
     * @param resolvedExperiment the resolved experiment file, kept beside the points
     * @throws RunCancelledException when {@code observer} cancels (finished points stay, for a resume)
     */
    public static SweepResult run(ExperimentPlan plan, String resolvedExperiment, Path dir, int threads,
                                  SweepPoints.Runner runner, SweepObserver observer) throws IOException {
        prepare(dir, resolvedExperiment);
        List<SweepPoints.Outcome> outcomes;
        // Folders are written off the simulation threads; closing waits for every one, also on a cancel.
        try (FolderWriter writer = new FolderWriter(WRITERS, 2 * Math.max(1, threads))) {
            outcomes = SweepRunner.run(plan.points().size(), threads, ctx -> {
                SweepPoints.Outcome o = SweepPoints.compute(plan, plan.points().get(ctx.index()), dir, runner,
                        ctx.observer(), writer);
                if (o.reused()) {
                    ctx.reused();
                }
                return o;
            }, observer);
        }
        int reused = (int) outcomes.stream().filter(SweepPoints.Outcome::reused).count();
        return new SweepResult(plan, outcomes.stream().map(SweepPoints.Outcome::summary).toList(), reused);
    }

    /** The folder made ready: ours (or new), not marked complete, the experiment beside it, no killed writer's leftovers. */
    public static void prepare(Path dir, String resolvedExperiment) throws IOException {
        ResultFolder.checkReplaceable(dir.toAbsolutePath().normalize());
        Files.createDirectories(dir.resolve(SweepPoints.POINTS));
        Files.deleteIfExists(dir.resolve(DONE));
        AtomicFiles.writeString(dir.resolve(ResultFolder.MARKER), "a Fleetsim sweep folder: a later sweep may resume it\n");
        AtomicFiles.writeString(dir.resolve(EXPERIMENT), resolvedExperiment);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve(SweepPoints.POINTS), p -> {
            String n = p.getFileName().toString();
            return n.startsWith(".") && (n.contains(".partial-") || n.contains(".old-"));
        })) {
            for (Path p : entries) {
                ResultFolder.deleteTree(p);
            }
        }
    }
}
