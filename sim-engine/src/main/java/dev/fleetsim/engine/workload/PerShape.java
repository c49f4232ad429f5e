package dev.fleetsim.engine.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A value computed once per job shape and kept in a list by {@link ShapeIds} id: what a
 * {@code HashMap<shape, V>} with {@code computeIfAbsent} did, without hashing a shape record at
 * every lookup. Not thread-safe.
 *
 * @param <V> the kept value (never null)
 */
public final class PerShape<V> {

    private final ShapeIds ids = new ShapeIds();
    private final List<V> values = new ArrayList<>();

    /**
     * The value for {@code job}'s shape; on the first job of a shape, {@code compute} is given that
     * job and its result is kept.
     */
    public V computeIfAbsent(JobSpec job, Function<JobSpec, V> compute) {
        int id = ids.of(job);
        V v = id < values.size() ? values.get(id) : null;
        if (v == null) {
            v = compute.apply(job);
            while (values.size() <= id) {
                values.add(null);
            }
            values.set(id, v);
        }
        return v;
    }

    /** The shape kept for {@code job}'s id: the first job's {@link JobSpec#shape} of that shape. */
    public JobSpec shapeOf(JobSpec job) {
        return ids.shape(ids.of(job));
    }
}
