package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.policies.placement.PlacementStrategy;
import dev.fleetsim.policies.round.RoundPlan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * EASY backfilling (Lifka 1995; Mu'alem and Feitelson 2001): jobs start in submit order while
 * they fit; the first that does not gets a reservation, the earliest time enough GPUs of one of
 * its types are free as running jobs end (its shadow time), and the GPUs left over at that time
 * (the extra GPUs). A later job may jump ahead only if it fits now and either ends before the
 * shadow time or needs no more than the extra GPUs, so it never delays the head. Lengths are the
 * true ones or the users' estimates ({@link LengthBasis}); a job without an estimate never ends
 * "before" anything. The reservation counts GPUs, not their arrangement, as EASY does.
 */
public final class BackfillPolicy implements SchedulingPolicy {
    private final PlacementStrategy placement;
    private final LengthBasis length;

    public BackfillPolicy(PlacementStrategy placement, LengthBasis length) {
        this.placement = placement;
        this.length = length;
    }

    /** The head job's reservation: a GPU type, when it can start, and the GPUs to spare then. */
    static final class Reservation {
        final String jobId;
        final String gpuType;
        final long shadowNs;
        int extraGpus;

        Reservation(String jobId, String gpuType, long shadowNs, int extraGpus) {
            this.jobId = jobId;
            this.gpuType = gpuType;
            this.shadowNs = shadowNs;
            this.extraGpus = extraGpus;
        }
    }

    private record Ending(String gpuType, long endNs, int gpus) {
    }

    @Override
    public SchedulingDecision schedule(SchedulingContext context) {
        long now = context.nowNs();
        RoundPlan plan = new RoundPlan(context, placement);
        Topology topology = context.cluster().topology();
        List<Ending> endings = new ArrayList<>();
        for (RunningJobView r : context.running()) {
            long end = length == LengthBasis.TRUE ? r.expectedEndNs() : endNs(now, length.remainingSeconds(r));
            endings.add(new Ending(topology.gpuSpecOf(r.gpuIds()[0]).name(), end, r.gpus()));
        }
        Reservation reservation = null;
        for (JobView job : context.queue()) {
            if (reservation == null) {
                Optional<int[]> gpus = plan.propose(job);
                if (gpus.isPresent()) {
                    plan.commit(job, gpus.get());
                    endings.add(new Ending(topology.gpuSpecOf(gpus.get()[0]).name(),
                            endNs(now, length.remainingSeconds(job)), job.gpus()));
                } else {
                    reservation = reserve(job, plan, endings);
                }
                continue;
            }
            if (plan.freeGpus() == 0) {
                break;
            }
            long end = endNs(now, length.remainingSeconds(job));
            if (end > reservation.shadowNs && job.gpus() > reservation.extraGpus && !fitsOffTheReservedType(job, plan, reservation)) {
                continue;   // decided without asking the placement strategy: most of a long queue ends here
            }
            Optional<int[]> gpus = plan.propose(job);
            if (gpus.isEmpty()) {
                continue;
            }
            String type = topology.gpuSpecOf(gpus.get()[0]).name();
            String why;
            if (!type.equals(reservation.gpuType)) {
                why = "runs on " + type + ", not the reserved type";
            } else if (end <= reservation.shadowNs) {
                why = "ends before the reservation";
            } else if (job.gpus() <= reservation.extraGpus) {
                reservation.extraGpus -= job.gpus();
                why = "fits beside the reservation";
            } else {
                continue;
            }
            plan.commit(job, gpus.get());
            plan.explain(new Explanation(job.id(), "backfilled", why + " of " + reservation.jobId,
                    Map.of("reservedFor", reservation.jobId, "shadowS", reservation.shadowNs / 1e9)));
        }
        return plan.decision(OptionalLong.empty());
    }

    private static boolean fitsOffTheReservedType(JobView job, RoundPlan plan, Reservation reservation) {
        for (String type : job.feasibleGpuTypes()) {
            if (!type.equals(reservation.gpuType) && plan.freeGpus(type) >= job.gpus()) {
                return true;
            }
        }
        return false;
    }

    /** The earliest shadow time over the head job's feasible types. */
    private static Reservation reserve(JobView head, RoundPlan plan, List<Ending> endings) {
        Reservation best = null;
        for (String type : head.feasibleGpuTypes()) {
            int available = plan.freeGpus(type);
            long shadow = Long.MAX_VALUE;
            List<Ending> ofType = new ArrayList<>();
            for (Ending e : endings) {
                if (e.gpuType.equals(type)) {
                    ofType.add(e);
                }
            }
            ofType.sort(Comparator.comparingLong(Ending::endNs));
            if (available >= head.gpus()) {
                shadow = plan.nowNs();
            }
            for (Ending e : ofType) {
                if (available >= head.gpus()) {
                    break;
                }
                available += e.gpus;
                shadow = e.endNs;
            }
            if (available < head.gpus()) {
                shadow = Long.MAX_VALUE;
            }
            int extra = Math.max(0, available - head.gpus());
            if (best == null || shadow < best.shadowNs) {
                best = new Reservation(head.id(), type, shadow, extra);
            }
        }
        return best;
    }

    private static long endNs(long nowNs, double seconds) {
        if (Double.isInfinite(seconds) || seconds * 1e9 >= Long.MAX_VALUE - nowNs) {
            return Long.MAX_VALUE;
        }
        return nowNs + (long) Math.ceil(seconds * 1e9);
    }
}
