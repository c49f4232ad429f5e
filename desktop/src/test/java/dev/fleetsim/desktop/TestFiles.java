package dev.fleetsim.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files for tests: scenarios are read from inside the repository only. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("fleetsim.rootDir");
        Path p = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("scenarios"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no repository root with scenarios/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    public static Path scenario(String name) {
        return root().resolve("scenarios").resolve(name);
    }

    public static String read(String scenario) {
        try {
            return Files.readString(scenario(scenario));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A small scenario in the quickstart's shape for tests that run it: 2 nodes of 8 H100s, one
     * listed job and 30 generated ones of two kinds, three tenants, FIFO.
     */
    public static final String SMALL = """
            # a small scenario for the desktop's tests
            name: small
            simulation:
              seed: 7
              timeseriesPoints: 100
            cluster:
              nodeGroups:
                - name: h100
                  gpuType: H100-SXM
                  count: 2
                  gpusPerNode: 8
                  nicsPerNode: 8
                  nicBandwidth: 400 Gb/s
              fabric:
                nodesPerLeaf: 1
                oversubscription: 2
            workload:
              jobs:
                - id: big
                  model: gpt-1.3b
                  precision: bf16
                  globalBatch: 64
                  parallelism: {tp: 1, pp: 1, dp: 16}
                  iterations: 400
                  tenant: research
              generators:
                - name: mixed
                  count: 30
                  start: 5 min
                  meanInterarrival: 4 min
                  tenants: [research, product, infra]
                  mix:
                    - name: one
                      weight: 0.6
                      iterations: {min: 100, max: 800}
                      job:
                        model: gpt-1.3b
                        precision: bf16
                        globalBatch: 16
                        microBatch: 4
                        parallelism: {tp: 1, pp: 1, dp: 1}
                    - name: four
                      weight: 0.4
                      iterations: {min: 100, max: 600}
                      job:
                        model: gpt-1.3b
                        precision: bf16
                        globalBatch: 32
                        parallelism: {tp: 1, pp: 1, dp: 4}
            policy:
              name: fifo
            """;

    /** One inference deployment on one node for two simulated minutes: the serving tab's test. */
    public static final String SERVING = """
            name: serving-small
            simulation:
              seed: 3
              timeseriesPoints: 60
            cluster:
              nodeGroups:
                - {name: h100, gpuType: H100-SXM, count: 1, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}
            workload:
              services:
                - name: chat
                  model: llama3-8b
                  replicas: 1
                  requests:
                    arrival: poisson
                    rate: 2
                    duration: 2 min
                    input: {distribution: lognormal, mean: 500, cv: 0.5, max: 2000}
                    output: {distribution: lognormal, mean: 100, cv: 0.5, max: 400}
                  slo: {ttft: 1 s, tpot: 50 ms}
            policy:
              name: fifo
            """;

    /**
     * A plan over {@link #SMALL} in {@code dir} (small.yaml and plan.yaml): rent H100s or buy
     * B200s, 1 to 4 nodes, p95 wait under an hour, screened on one seed and confirmed on two.
     */
    public static Path smallPlan(Path dir) throws IOException {
        Files.writeString(dir.resolve("small.yaml"), SMALL);
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "name: small-plan\nscenario: small.yaml\noptions:\n"
                + "  - {name: h100, gpuType: H100-SXM, purchase: on-demand}\n  - {name: b200, gpuType: B200, purchase: owned}\n"
                + "nodes: {min: 1, max: 4}\nconstraints: {p95Wait: 1 h}\nseeds: {screen: [1], confirm: [1, 2]}\n");
        return plan;
    }
}
