package dev.fleetsim.engine;

import dev.fleetsim.engine.metrics.ExplainText;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ResultFolderException;
import dev.fleetsim.engine.metrics.ResultReader;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.metrics.ServingReader;
import dev.fleetsim.engine.run.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reading side of a results folder: a folder read back into a {@link RunResult} (its resolved
 * scenario validated as today's engine reads it: {@link #open(Fleetsim, Path)}), and
 * a job's explanation text, the one {@code fleetsim explain} prints ({@link #explain}).
 */
public final class ResultOpening {
    private ResultOpening() {
    }

    /**
     * A complete results folder read back (at the files' precision: times in milliseconds), its
     * resolved {@code scenario.yaml} validated by {@code fleetsim} as today's engine reads it.
     *
     * @throws ResultFolderException when the folder is not a complete run or a file is not what a run writes
     */
    public static RunResult open(Fleetsim fleetsim, Path dir) throws IOException {
        return open(dir, fleetsim::validate);
    }

    static RunResult open(Path dir, Function<Path, Validation> validate) throws IOException {
        ResultReader.ResultFiles files = ResultReader.read(dir);
        Path scenario = dir.resolve(ResultWriter.SCENARIO);
        if (!Files.isRegularFile(scenario)) {
            throw new ResultFolderException(dir, "no " + ResultWriter.SCENARIO, "a complete results folder");
        }
        Validation v = validate.apply(scenario);
        if (!v.valid()) {
            throw new ResultFolderException(scenario, v.problems().size() + " problem(s), first " + v.problems().get(0),
                    "the resolved scenario the run wrote");
        }
        return new RunResult(v.spec().get(), files.summary(), files.jobs(), files.timeseries(), files.decisions(),
                files.links(), ServingReader.read(dir, files.summary().services()));
    }

    /** The job's explanation, the text {@code fleetsim explain} prints for it; empty when the run has no such job. */
    public static Optional<String> explain(RunResult result, String jobId) {
        for (JobRecord job : result.jobs()) {
            if (job.id().equals(jobId)) {
                return Optional.of(ExplainText.of(job, result.decisions()));
            }
        }
        return Optional.empty();
    }
}
