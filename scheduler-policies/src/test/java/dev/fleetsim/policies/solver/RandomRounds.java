package dev.fleetsim.policies.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Small random rounds for tests that compare two ways of scoring or solving one: two to six
 * nodes of two GPU types over a few leaves, up to {@code maxJobs} jobs of 1 to 16 GPUs of three
 * tenants (some with a GPU type requirement or a memory limit, some tenants with a quota), and
 * candidate groups that include layouts breaking the gang, type and memory rules, so that every
 * constraint matches somewhere. Same seed, same round.
 */
final class RandomRounds {
    private static final String[] TYPES = {Fixtures.H100, Fixtures.H200};
    private static final int[] SIZES = {1, 1, 2, 2, 4, 8, 16};

    private RandomRounds() {
    }

    /** A round with every job on the queue, its weights drawn (zero weights included). */
    static RoundSchedule round(long seed, int maxJobs) {
        Random r = new Random(seed);
        List<GpuNode> nodes = new ArrayList<>();
        int nodeCount = 2 + r.nextInt(5);
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(new GpuNode(i, i / 2, TYPES[r.nextInt(2)], 8, 1 + r.nextInt(8)));
        }
        GpuGroup queue = GpuGroup.queue();
        List<JobAssignment> jobs = new ArrayList<>();
        int jobCount = 1 + r.nextInt(maxJobs);
        for (int j = 0; j < jobCount; j++) {
            int gpus = SIZES[r.nextInt(SIZES.length)];
            int tp = Math.min(gpus, 1 << r.nextInt(4));
            Optional<String> required = r.nextInt(4) == 0 ? Optional.of(TYPES[r.nextInt(2)]) : Optional.empty();
            List<String> feasible = r.nextInt(4) == 0 ? List.of(TYPES[r.nextInt(2)]) : List.of(TYPES);
            JobFacts facts = new JobFacts("j" + j, j, "t" + r.nextInt(3), gpus, tp, r.nextInt(10), r.nextInt(4000),
                    required, feasible, (gpus + 7) / 8, 1, Map.of(Fixtures.H100, 0.0, Fixtures.H200, 1.25),
                    Map.of(Fixtures.H100, 0.0, Fixtures.H200, 50.0));
            List<GpuGroup> candidates = new ArrayList<>();
            int tries = r.nextInt(6);
            for (int c = 0; c < tries; c++) {
                candidates.add(randomGroup(r, nodes, gpus));
            }
            candidates.add(queue);
            jobs.add(new JobAssignment(facts, candidates, queue));
        }
        List<TenantQuota> quotas = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            if (r.nextBoolean()) {
                quotas.add(new TenantQuota("t" + t, r.nextInt(24), r.nextInt(12)));
            }
        }
        ScheduleWeights weights = new ScheduleWeights(weight(r, 1000), weight(r, 50), weight(r, 10), weight(r, 1), weight(r, 2));
        return new RoundSchedule(nodes, quotas, jobs, weights);
    }

    /** Gives every job a random one of its candidates (the queue included): infeasible schedules too. */
    static RoundSchedule assignRandomly(RoundSchedule schedule, long seed) {
        Random r = new Random(seed);
        for (JobAssignment a : schedule.getJobs()) {
            a.setGroup(a.getCandidates().get(r.nextInt(a.getCandidates().size())));
        }
        return schedule;
    }

    private static long weight(Random r, long typical) {
        return r.nextInt(4) == 0 ? 0 : 1 + r.nextInt((int) (2 * typical));
    }

    /** Consecutive nodes of one type with the same GPUs on each: mostly the whole gang, sometimes not. */
    private static GpuGroup randomGroup(Random r, List<GpuNode> nodes, int gpus) {
        int perNode = Math.min(8, gpus);
        if (r.nextInt(5) == 0) {
            perNode = Math.max(1, perNode / 2);
        }
        int count = Math.max(1, gpus / perNode);
        if (r.nextInt(6) == 0) {
            count = Math.max(1, count - 1);
        }
        int start = r.nextInt(nodes.size());
        List<GpuNode> members = new ArrayList<>();
        for (int i = start; i < nodes.size() && members.size() < count; i++) {
            if (members.isEmpty() || nodes.get(i).gpuType().equals(members.get(0).gpuType())) {
                members.add(nodes.get(i));
            }
        }
        return GpuGroup.of(members, perNode);
    }
}
