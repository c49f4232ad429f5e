package dev.fleetsim.engine.workload;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.RandomAccess;

/**
 * The jobs one mix generator drew, in draw order, kept as what each draw decided (its template,
 * length, submit time and tenant) in primitive columns instead of a {@link TrainingJobSpec} and
 * an id string per job: a million-job workload is 24 MB this way instead of about 160 MB of small
 * objects that live until each job arrives (docs/PERFORMANCE.md, "Ended jobs in columns"). Each
 * {@link #get} makes the job anew, equal to the one the generator drew; {@link #submitTimeNs} and
 * {@link #id} read one field without making it. Unmodifiable once drawn.
 */
public final class GeneratedJobs extends AbstractList<TrainingJobSpec> implements RandomAccess {
    private final GeneratorSpec generator;
    private final int digits;
    private int size;
    private int[] template;
    private long[] iterations;
    private long[] submitNs;
    private int[] tenant;

    GeneratedJobs(GeneratorSpec generator, int digits, int capacity) {
        this.generator = generator;
        this.digits = digits;
        this.template = new int[capacity];
        this.iterations = new long[capacity];
        this.submitNs = new long[capacity];
        this.tenant = new int[capacity];
    }

    /** The next draw: template {@code templateIndex} of the mix, tenant {@code tenantIndex} of the generator's (−1: the template's). */
    void add(int templateIndex, long iterationCount, long submitTimeNs, int tenantIndex) {
        if (size == template.length) {
            int n = Math.max(16, 2 * size);
            template = Arrays.copyOf(template, n);
            iterations = Arrays.copyOf(iterations, n);
            submitNs = Arrays.copyOf(submitNs, n);
            tenant = Arrays.copyOf(tenant, n);
        }
        template[size] = templateIndex;
        iterations[size] = iterationCount;
        submitNs[size] = submitTimeNs;
        tenant[size] = tenantIndex;
        size++;
    }

    @Override
    public int size() {
        return size;
    }

    /** Job {@code index}'s submit time, without making the job. */
    public long submitTimeNs(int index) {
        return submitNs[checked(index)];
    }

    /** Job {@code index}'s id ({@code name-000n}, numbered from 1), without making the job. */
    public String id(int index) {
        return WorkloadGenerator.jobId(generator.name(), checked(index) + 1, digits);
    }

    /** Job {@code index} as the generator drew it: its template's prototype with its own id, length, submit time and tenant. */
    @Override
    public TrainingJobSpec get(int index) {
        checked(index);
        TrainingJobSpec p = generator.mix().get(template[index]).prototype();
        List<String> tenants = generator.tenants();
        String t = tenant[index] < 0 ? p.tenant() : tenants.get(tenant[index]);
        return new TrainingJobSpec(id(index), p.model(), p.precision(), p.globalBatchSeqs(), p.microBatchSeqs(),
                p.parallelism(), p.recompute(), p.zeroStage(), p.dpOverlap(), p.flashAttention(), iterations[index],
                submitNs[index], t, p.priority(), p.gpuType(), OptionalLong.empty(), p.options());
    }

    /** Whether the jobs are in submit order, then id order: as the run takes them. */
    boolean inSubmitOrder() {
        // Ids of one generator are zero-padded to one width, so their text order is their number's.
        for (int i = 1; i < size; i++) {
            if (submitNs[i] < submitNs[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private int checked(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("job " + index + " of " + size);
        }
        return index;
    }
}
