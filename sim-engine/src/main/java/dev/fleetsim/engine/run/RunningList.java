package dev.fleetsim.engine.run;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The run's running jobs in the order they started (a job started again after a preemption goes
 * last), as the {@code LinkedHashMap} by job index it replaces listed them: a list linked through
 * the jobs themselves, so a start or stop is a few field writes on jobs the run is touching anyway,
 * not a boxed key, a map node and a hash bucket (about 2 % of the 1M-job bench's samples,
 * docs/PERFORMANCE.md, "Starts and stops: maps, link statistics, private links, routes").
 * Read-only to whoever iterates it (the policy's round).
 */
final class RunningList extends AbstractCollection<Job> {
    private Job first;
    private Job last;
    private int size;

    /** Adds a job at the end; a job already on the list keeps its place (as a map's put of a key it has). */
    void addLast(Job job) {
        if (job.onRunningList) {
            return;
        }
        job.onRunningList = true;
        job.runningPrev = last;
        job.runningNext = null;
        if (last == null) {
            first = job;
        } else {
            last.runningNext = job;
        }
        last = job;
        size++;
    }

    /** Takes a job off the list (a no-op if it is not on it). */
    void unlink(Job job) {
        if (!job.onRunningList) {
            return;
        }
        Job prev = job.runningPrev;
        Job next = job.runningNext;
        if (prev == null) {
            first = next;
        } else {
            prev.runningNext = next;
        }
        if (next == null) {
            last = prev;
        } else {
            next.runningPrev = prev;
        }
        job.runningPrev = null;
        job.runningNext = null;
        job.onRunningList = false;
        size--;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<Job> iterator() {
        return new Iterator<>() {
            private Job next = first;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Job next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Job j = next;
                next = j.runningNext;
                return j;
            }
        };
    }
}
