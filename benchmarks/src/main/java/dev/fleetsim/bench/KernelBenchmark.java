package dev.fleetsim.bench;

import dev.fleetsim.engine.kernel.Event;
import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.kernel.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Events per second of the kernel under the mix a cluster run makes: a standing population of
 * pending completions (one per running job), each fired event scheduling a follow-up, and a
 * share of events moving another job's completion (cancel + reschedule, as a rate change does).
 * {@link #priorityQueueToy} runs the same mix, drawn from the same random stream, on
 * {@link PriorityQueueToy}, the yardstick the kernel must beat by 1.5×: compare the two rows of
 * one JMH run, not figures of different runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KernelBenchmark {
    private static final int EVENTS_PER_INVOCATION = 1_000_000;

    /** Pending events at any time (running jobs plus arrivals). */
    @Param({"1000", "100000"})
    int pending;

    /** Fraction of fired events that also move another pending event. */
    @Param({"0.3"})
    double rescheduleShare;

    private Simulator sim;
    private EventHandle[] handles;
    private SplittableRandom rng;
    private Event tick;
    private PriorityQueueToy toy;
    private PriorityQueueToy.Event[] toyHandles;
    private SplittableRandom toyRng;

    @Setup(org.openjdk.jmh.annotations.Level.Invocation)
    public void setUp() {
        sim = new Simulator();
        rng = new SplittableRandom(42);
        handles = new EventHandle[pending];
        tick = new Event() {
            @Override
            public void fire(Simulator s) {
                int slot = rng.nextInt(pending);
                handles[slot] = s.scheduleIn(1 + rng.nextInt(1_000_000), this);
                if (rng.nextDouble() < rescheduleShare) {
                    int other = rng.nextInt(pending);
                    if (s.cancel(handles[other])) {
                        handles[other] = s.scheduleIn(1 + rng.nextInt(1_000_000), this);
                    }
                }
            }
        };
        for (int i = 0; i < pending; i++) {
            handles[i] = sim.schedule(rng.nextInt(1_000_000), tick);
        }

        toy = new PriorityQueueToy();
        toyRng = new SplittableRandom(42);
        toyHandles = new PriorityQueueToy.Event[pending];
        PriorityQueueToy.Action toyTick = new PriorityQueueToy.Action() {
            @Override
            public void fire(PriorityQueueToy q) {
                int slot = toyRng.nextInt(pending);
                toyHandles[slot] = q.scheduleIn(1 + toyRng.nextInt(1_000_000), this);
                if (toyRng.nextDouble() < rescheduleShare) {
                    int other = toyRng.nextInt(pending);
                    if (q.cancel(toyHandles[other])) {
                        toyHandles[other] = q.scheduleIn(1 + toyRng.nextInt(1_000_000), this);
                    }
                }
            }
        };
        for (int i = 0; i < pending; i++) {
            toyHandles[i] = toy.scheduleIn(toyRng.nextInt(1_000_000), toyTick);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long scheduleFireCancel() {
        for (int i = 0; i < EVENTS_PER_INVOCATION; i++) {
            sim.step();
        }
        return sim.nowNs();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long priorityQueueToy() {
        for (int i = 0; i < EVENTS_PER_INVOCATION; i++) {
            toy.step();
        }
        return toy.now();
    }
}
