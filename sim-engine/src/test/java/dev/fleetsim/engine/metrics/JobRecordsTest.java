package dev.fleetsim.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records written into columns in any order come back equal, field by field, in index order. */
class JobRecordsTest {

    private static OptionalLong maybe(SplittableRandom rnd, long value) {
        return rnd.nextInt(3) == 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static JobRecord random(SplittableRandom rnd, int i) {
        String[] states = {"FINISHED", "RUNNING", "QUEUED", "REJECTED", "PENDING"};
        return new JobRecord("job-" + i, "training", "t" + rnd.nextInt(3), states[rnd.nextInt(states.length)],
                1 + rnd.nextInt(128), rnd.nextBoolean() ? "H100-SXM" : "", rnd.nextLong(1L << 50),
                maybe(rnd, rnd.nextLong(1L << 50)), maybe(rnd, rnd.nextLong(1L << 50)), "n" + i + "[0-7]",
                rnd.nextLong(100_000), rnd.nextDouble() * 1e5, rnd.nextDouble() * 1e12, rnd.nextDouble(),
                rnd.nextDouble(), rnd.nextDouble() * 400, rnd.nextDouble(), rnd.nextDouble() * 1e4, rnd.nextDouble() * 1e3,
                rnd.nextInt(5), rnd.nextBoolean() ? "" : "no GPU type can hold it", rnd.nextLong(1L << 50),
                rnd.nextBoolean() ? 0.0 : -0.0, rnd.nextLong(1L << 40), rnd.nextInt(3), rnd.nextDouble() * 1e9,
                maybe(rnd, rnd.nextLong(1L << 50)));
    }

    @Test
    void rowsWrittenOutOfOrderAcrossBlocksReadBackEqual() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = JobRecords.BLOCK_ROWS + 1_000; // two blocks, the second partial
        List<JobRecord> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(random(rnd, i));
        }
        JobRecords store = new JobRecords(n - 10);
        store.grow(n); // rows added later, as jobs submitted during a run
        // Written from the back, a job at a time, as jobs end in any order.
        for (int i = n - 1; i >= 0; i--) {
            assertFalse(store.written(i));
            store.write(i, expected.get(i));
            assertTrue(store.written(i));
        }
        assertEquals(expected, store);
        for (int i = 0; i < n; i++) {
            JobRecord r = store.get(i);
            assertEquals(expected.get(i), r);
            assertEquals(expected.get(i).toString(), r.toString());
            assertEquals(expected.get(i).hashCode(), r.hashCode());
            assertEquals(r.id(), store.id(i));
            assertEquals(r.state(), store.state(i));
            assertEquals(Double.doubleToRawLongBits(r.tokens()), Double.doubleToRawLongBits(store.tokens(i)));
            assertEquals(Double.doubleToRawLongBits(expected.get(i).lostWorkNs()), Double.doubleToRawLongBits(r.lostWorkNs()));
        }
    }

    @Test
    void aFrozenStoreIsAnUnmodifiableListOfEveryRow() {
        SplittableRandom rnd = new SplittableRandom(3);
        JobRecords store = new JobRecords(3);
        store.write(1, random(rnd, 1));
        assertThrows(IllegalStateException.class, store::freeze, "rows 0 and 2 have no record");
        assertThrows(IllegalStateException.class, () -> store.get(0));
        assertThrows(IllegalStateException.class, () -> store.write(1, random(rnd, 1)), "written once");
        store.write(0, random(rnd, 0));
        store.write(2, random(rnd, 2));
        assertTrue(store.freeze().frozen());
        assertThrows(UnsupportedOperationException.class, () -> store.write(0, random(rnd, 0)));
        assertThrows(UnsupportedOperationException.class, () -> store.set(0, random(rnd, 0)));
        assertThrows(UnsupportedOperationException.class, () -> store.grow(4));
        assertThrows(IndexOutOfBoundsException.class, () -> store.get(3));
        assertEquals(3, List.copyOf(store).size());
    }
}
