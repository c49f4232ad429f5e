package dev.fleetsim.engine.workload;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class ShapeIdsTest {

    /** A job of {@code p}'s shape with its own id, length, submit time, tenant, priority and estimate. */
    private static TrainingJobSpec jobOf(TrainingJobSpec p, int i) {
        return new TrainingJobSpec("j" + i, p.model(), p.precision(), p.globalBatchSeqs(), p.microBatchSeqs(),
                p.parallelism(), p.recompute(), p.zeroStage(), p.dpOverlap(), p.flashAttention(), 1 + i, 10L * i,
                "t" + (i % 3), i % 2, p.gpuType(), i % 2 == 0 ? OptionalLong.empty() : OptionalLong.of(i), p.options());
    }

    /** The same shape with parts of its own: equal content, other objects (what a job list read from a file gives). */
    private static TrainingJobSpec copiedParts(TrainingJobSpec p) {
        TrainingJobSpec copy = new TrainingJobSpec("", copy(p.model()), p.precision(), p.globalBatchSeqs(),
                p.microBatchSeqs(), copy(p.parallelism()), p.recompute(), p.zeroStage(), p.dpOverlap(),
                p.flashAttention(), 1, 0, "", 0, p.gpuType().map(String::new), OptionalLong.empty(), copy(p.options()));
        assertNotSame(p.model(), copy.model());
        assertNotSame(p.parallelism(), copy.parallelism());
        assertNotSame(p.options(), copy.options());
        assertEquals(p.shape(), copy);
        return copy;
    }

    /** A new record with the same components (strings copied too). */
    private static <R extends Record> R copy(R r) {
        try {
            RecordComponent[] parts = r.getClass().getRecordComponents();
            Object[] values = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                Object v = parts[i].getAccessor().invoke(r);
                values[i] = v instanceof String ? new String((String) v) : v;
                types[i] = parts[i].getType();
            }
            @SuppressWarnings("unchecked")
            R out = (R) r.getClass().getDeclaredConstructor(types).newInstance(values);
            return out;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void equalShapesGetOneIdWhetherTheyShareTheirPartsOrNot() {
        List<TrainingJobSpec> prototypes = new ArrayList<>();
        for (int gpus = 1; gpus <= 256; gpus *= 2) {
            prototypes.add(TraceShapes.prototype(gpus, Optional.empty()));
            prototypes.add(TraceShapes.prototype(gpus, Optional.of("H100")));
        }
        Random random = new Random(7);
        List<JobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            TrainingJobSpec p = prototypes.get(random.nextInt(prototypes.size()));
            jobs.add(random.nextInt(5) == 0 ? jobOf(copiedParts(p), i) : jobOf(p, i));
            if (random.nextInt(7) == 0) {
                // The same parts, another value of a field the shape keeps: another shape.
                jobs.add(jobOf(p.withLayout(p.parallelism(), p.microBatchSeqs() * 2, p.recompute(), p.zeroStage()), i));
            }
        }
        ShapeIds ids = new ShapeIds();
        Map<JobSpec, Integer> expected = new HashMap<>();
        for (JobSpec job : jobs) {
            int id = ids.of(job);
            Integer want = expected.putIfAbsent(job.shape(), expected.size());
            assertEquals(want == null ? expected.size() - 1 : want, id, job.id());
            assertEquals(job.shape(), ids.shape(id));
        }
        assertEquals(expected.size(), ids.size());
    }

    @Test
    void beyondTheIdentityTableLookupsGoByContent() {
        TrainingJobSpec p = TraceShapes.prototype(8, Optional.empty());
        ShapeIds ids = new ShapeIds();
        int distinct = ShapeIds.MAX_FAST + 500;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < distinct; i++) {
                TrainingJobSpec shape = p.withLayout(p.parallelism(), p.microBatchSeqs(), p.recompute(), p.zeroStage());
                // A distinct batch per i: distinct shapes, each with parts of its own on the second round.
                TrainingJobSpec job = new TrainingJobSpec("x", round == 0 ? shape.model() : copiedParts(shape).model(),
                        shape.precision(), 64 + i, shape.microBatchSeqs(), shape.parallelism(), shape.recompute(),
                        shape.zeroStage(), shape.dpOverlap(), shape.flashAttention(), 5, 5, "t", 1, shape.gpuType(),
                        OptionalLong.empty(), shape.options());
                assertEquals(i, ids.of(job));
            }
        }
        assertEquals(distinct, ids.size());
    }
}
