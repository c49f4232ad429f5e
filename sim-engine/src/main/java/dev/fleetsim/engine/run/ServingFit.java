package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.JobFit;
import dev.fleetsim.engine.serving.ReplicaMemory;
import dev.fleetsim.engine.serving.ServingModel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.List;
import java.util.Locale;

/**
 * The serving kind's fit check for {@code Admission}: a replica fits a GPU type when its weight
 * shard and workspace leave room, within the engine's share of HBM, for the KV cache of at least
 * one sequence of the model's full context (what vLLM refuses to start without).
 */
final class ServingFit {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private ServingFit() {
    }

    static JobFit of() {
        return (job, gpu) -> problems(((ServingReplicaSpec) job).service(), gpu);
    }

    static List<String> problems(ServiceSpec service, GpuSpec gpu) {
        ReplicaMemory m = ServingModel.memory(service, gpu);
        int context = service.model().seqLength();
        if (m.kvBytes() <= 0) {
            return List.of(String.format(Locale.ROOT, "weights %.1f GiB and activations %.1f GiB per GPU exceed the "
                            + "engine's %.1f GiB (memoryUtilization %.2f of %.1f GiB) with tp %d, pp %d",
                    m.weightsBytes() / GIB, m.workspaceBytes() / GIB, m.usableBytes() / GIB,
                    service.engine().memoryUtilization(), gpu.hbmBytes() / GIB, service.tp(), service.pp()));
        }
        if (m.kvTokens() < context) {
            return List.of(String.format(Locale.ROOT, "the KV cache left per GPU (%.2f GiB) holds %d tokens, fewer than "
                            + "one sequence of the model's context (%d tokens); use more GPUs per replica (tp or pp), "
                            + "a smaller kvCache format or a shorter seqLength", m.kvBytes() / GIB, m.kvTokens(), context));
        }
        return List.of();
    }
}
