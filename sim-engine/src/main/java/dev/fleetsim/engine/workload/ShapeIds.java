package dev.fleetsim.engine.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense int ids for job shapes ({@link JobSpec#shape}): two jobs get the same id exactly when their
 * shapes are equal, so per-shape work can be kept in an array instead of a map keyed by a record
 * whose hash walks the whole model.
 *
 * <p>Why it is cheap. Generated jobs of one shape share their parts: the trace generator copies a
 * prototype's model, layout and options objects into every job of its size. A training job is
 * first looked up by those parts' identities and its few other shape fields (a small open-addressing
 * table, no allocation); only a job whose parts it has not seen is hashed by content, through
 * {@link JobSpec#shape}. A hit of the first table is exact: the same model, layout and options
 * objects with equal precision, batch, recompute, ZeRO stage, overlap, attention and GPU type make
 * an equal shape (its other fields are blanked constants). A workload whose every job has parts of
 * its own (a long job list) fills the first table up to a bound and then goes by content, as before.
 * Not thread-safe.
 */
public final class ShapeIds {

    /** Entries of the identity table at most; beyond it lookups go by content only. */
    static final int MAX_FAST = 4096;

    private final Map<JobSpec, Integer> byContent = new HashMap<>();
    private final List<JobSpec> shapes = new ArrayList<>();
    private TrainingJobSpec[] fastKeys = new TrainingJobSpec[16];
    private int[] fastIds = new int[16];
    private int fastSize;

    /** The id of {@code job}'s shape: 0, 1, ... in the order shapes are first seen. */
    public int of(JobSpec job) {
        if (!(job instanceof TrainingJobSpec)) {
            return byContent(job);
        }
        TrainingJobSpec t = (TrainingJobSpec) job;
        int mask = fastKeys.length - 1;
        int i = fastHash(t) & mask;
        for (TrainingJobSpec k = fastKeys[i]; k != null; k = fastKeys[i]) {
            if (sameParts(k, t)) {
                return fastIds[i];
            }
            i = (i + 1) & mask;
        }
        int id = byContent(t);
        if (fastSize < MAX_FAST) {
            if (2 * (fastSize + 1) > fastKeys.length) {
                grow();
                mask = fastKeys.length - 1;
                i = fastHash(t) & mask;
                while (fastKeys[i] != null) {
                    i = (i + 1) & mask;
                }
            }
            // The shape, not the job: it shares the job's parts and holds no id, tenant or length.
            fastKeys[i] = (TrainingJobSpec) shapes.get(id);
            fastIds[i] = id;
            fastSize++;
        }
        return id;
    }

    /** The shape of id {@code id}: the first job's {@link JobSpec#shape} with that id. */
    public JobSpec shape(int id) {
        return shapes.get(id);
    }

    /** Distinct shapes seen. */
    public int size() {
        return shapes.size();
    }

    private int byContent(JobSpec job) {
        JobSpec shape = job.shape();
        Integer id = byContent.get(shape);
        if (id != null) {
            return id;
        }
        byContent.put(shape, shapes.size());
        shapes.add(shape);
        return shapes.size() - 1;
    }

    /** Equal shapes, by the identity of the parts and the value of the rest (a sufficient test, not a necessary one). */
    private static boolean sameParts(TrainingJobSpec a, TrainingJobSpec b) {
        return a.model() == b.model() && a.parallelism() == b.parallelism() && a.options() == b.options()
                && a.precision() == b.precision() && a.recompute() == b.recompute()
                && a.globalBatchSeqs() == b.globalBatchSeqs() && a.microBatchSeqs() == b.microBatchSeqs()
                && a.zeroStage() == b.zeroStage() && a.flashAttention() == b.flashAttention()
                && Double.doubleToLongBits(a.dpOverlap()) == Double.doubleToLongBits(b.dpOverlap())
                && a.gpuType().equals(b.gpuType());
    }

    private static int fastHash(TrainingJobSpec t) {
        int h = System.identityHashCode(t.model());
        h = h * 31 + System.identityHashCode(t.parallelism());
        h = h * 31 + System.identityHashCode(t.options());
        h = h * 31 + t.globalBatchSeqs();
        h = h * 31 + t.microBatchSeqs();
        return h ^ (h >>> 16);
    }

    private void grow() {
        TrainingJobSpec[] oldKeys = fastKeys;
        int[] oldIds = fastIds;
        fastKeys = new TrainingJobSpec[oldKeys.length * 2];
        fastIds = new int[oldKeys.length * 2];
        int mask = fastKeys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = fastHash(oldKeys[j]) & mask;
                while (fastKeys[i] != null) {
                    i = (i + 1) & mask;
                }
                fastKeys[i] = oldKeys[j];
                fastIds[i] = oldIds[j];
            }
        }
    }
}
