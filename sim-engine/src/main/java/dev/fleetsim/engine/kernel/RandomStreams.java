package dev.fleetsim.engine.kernel;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.nio.charset.StandardCharsets;

/**
 * Named, independently seeded random streams derived from one master seed. Each component asks
 * for its own stream by name ({@code "arrivals/mixed"}, {@code "failures"}), so adding draws in
 * one component never shifts the numbers another sees, and two policies compared on the same
 * seed see the same workload.
 */
public final class RandomStreams {
    private final long masterSeed;

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** A fresh generator for {@code name}; the same name and master seed always give the same sequence. */
    public UniformRandomProvider stream(String name) {
        long h = fnv1a(name);
        long s0 = splitMix(masterSeed ^ h);
        long s1 = splitMix(s0 + 0x9E3779B97F4A7C15L);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long splitMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
