package dev.fleetsim.engine.kernel;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RandomStreamsTest {

    @Test
    void sameSeedAndNameGiveTheSameSequence() {
        assertEquals(draw(new RandomStreams(42).stream("arrivals")), draw(new RandomStreams(42).stream("arrivals")));
    }

    @Test
    void namesAndSeedsGiveDifferentSequences() {
        assertNotEquals(draw(new RandomStreams(42).stream("arrivals")), draw(new RandomStreams(42).stream("durations")));
        assertNotEquals(draw(new RandomStreams(42).stream("arrivals")), draw(new RandomStreams(43).stream("arrivals")));
    }

    @Test
    void drawingFromOneStreamDoesNotShiftAnother() {
        RandomStreams streams = new RandomStreams(7);
        UniformRandomProvider a = streams.stream("a");
        for (int i = 0; i < 1000; i++) {
            a.nextLong();
        }
        assertEquals(draw(new RandomStreams(7).stream("b")), draw(streams.stream("b")));
    }

    private static long draw(UniformRandomProvider rng) {
        long h = 0;
        for (int i = 0; i < 16; i++) {
            h = h * 31 + rng.nextLong();
        }
        return h;
    }
}
