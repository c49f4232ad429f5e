package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.workload.ServingReplicaSpec;

/**
 * A deployment at run time, as the cluster run drives it: it starts, its replicas get GPUs and
 * lose them, and in the end it reports. {@link Service} simulates it iteration by iteration,
 * {@link FluidService} at its steady state.
 */
public interface Deployment {

    /** What a deployment asks of the cluster it runs on. */
    interface Host {
        /** Queue a new replica for GPUs now. */
        void submit(ServingReplicaSpec replica);

        /** The replica is no longer needed: release its GPUs, or withdraw it if it is still queued. */
        void retire(String replicaId);

        /** A replica's GPUs now compute this fraction of the time (power and busy-GPU figures). */
        void computeFraction(String replicaId, double fraction);

        /**
         * Seconds to send {@code bytesPerGpu} from each GPU of replica {@code fromReplica} to the
         * same rank of another (a KV transfer, starting now).
         */
        double kvTransferSeconds(String fromReplica, int[] fromGpus, int[] toGpus, double bytesPerGpu);

        /**
         * A window of {@code windowNs} of deployment {@code service} ended (its autoscaler's tick):
         * the KV transfers it started and its replicas' collectives across nodes become load on a
         * shared network for the next (docs/SERVING.md).
         */
        default void kvWindow(String service, long nowNs, long windowNs) {
        }

        /**
         * Replica {@code replicaId} started {@code microBatches} iterations carrying {@code tokens}
         * since its last report (reported at each window's end, before {@link #kvWindow}).
         */
        default void iterated(String replicaId, long microBatches, long tokens) {
        }
    }

    String name();

    /** Submits the first replicas and schedules the first request. */
    void start(long nowNs);

    /** A replica got its GPUs; {@code model} costs its iterations there. */
    void replicaStarted(ServingReplicaSpec replica, ServingModel model, int[] gpus, long nowNs);

    /** A replica lost its GPUs (preempted, or retired): the requests it held go back to the router. */
    void replicaStopped(ServingReplicaSpec replica, long nowNs);

    /** How long a replica of this deployment is expected to run, for policies that order by length. */
    double expectedRunSeconds();

    /** What it measured, at the end of the run. */
    ServiceResult outcome(long endNs, int points);
}
