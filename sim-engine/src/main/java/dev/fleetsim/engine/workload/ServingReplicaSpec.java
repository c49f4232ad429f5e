package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One replica of an inference deployment as the cluster's scheduler sees it (the
 * {@link JobKind#SERVING} kind of {@link JobSpec}): a gang of {@code tp × pp} GPUs of the
 * deployment's tenant and priority that, once placed, serves requests until it is scaled down or
 * the deployment retires. The deployment submits its replicas itself (at its start, and whenever
 * its autoscaler asks for more).
 *
 * @param service the deployment
 * @param role replica, prefill or decode
 * @param index the replica's number within its role, from 0
 * @param submitTimeNs when the deployment asked for it
 */
public record ServingReplicaSpec(ServiceSpec service, ReplicaRole role, int index, long submitTimeNs) implements JobSpec {

    @Override
    public String id() {
        return service.name() + "/" + role.key() + "-" + index;
    }

    @Override
    public JobKind kind() {
        return JobKind.SERVING;
    }

    @Override
    public String tenant() {
        return service.tenant();
    }

    @Override
    public int priority() {
        return service.priority();
    }

    @Override
    public int gpus() {
        return service.gpusPerReplica();
    }

    /** The tensor-parallel group: it all-reduces twice a layer every iteration, so it belongs in one NVLink domain. */
    @Override
    public int gpusPerGroup() {
        return service.tp();
    }

    @Override
    public Optional<String> gpuType() {
        return service.gpuType();
    }

    @Override
    public Precision precision() {
        return service.weights().computePrecision();
    }

    @Override
    public OptionalLong estimateNs() {
        return OptionalLong.empty();
    }

    @Override
    public ServingReplicaSpec shape() {
        return new ServingReplicaSpec(service.shape(), ReplicaRole.REPLICA, 0, 0);
    }
}
