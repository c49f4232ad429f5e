package dev.fleetsim.cli.calibrate;

import dev.fleetsim.calibration.run.BenchBuilder;
import dev.fleetsim.calibration.run.CalibrationException;
import dev.fleetsim.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code fleetsim calibrate build}: builds {@code fleetsim-bench} with nvcc (if needed) and prints its path. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build the benchmark program with nvcc (once per source version) and print its path, e.g. to launch "
                + "'fleetsim-bench nccl --multi-process' under mpirun or srun.")
final class CalibrateBuildCommand implements Callable<Integer> {

    @Option(names = "--nvcc", paramLabel = "PATH", description = "the nvcc to use (default: CUDA_HOME, PATH, /usr/local/cuda)")
    Path nvcc;

    @Option(names = "--build-dir", paramLabel = "DIR", description = "where builds are cached (default: ~/.cache/fleetsim)")
    Path buildDir;

    @Override
    public Integer call() {
        try {
            Path bin = BenchBuilder.build(BenchBuilder.nvcc(Optional.ofNullable(nvcc)),
                    buildDir != null ? buildDir : BenchBuilder.defaultCache(), m -> System.err.println(m));
            System.out.println(bin);
            return 0;
        } catch (CalibrationException e) {
            throw new UserError(e.getMessage());
        }
    }
}
