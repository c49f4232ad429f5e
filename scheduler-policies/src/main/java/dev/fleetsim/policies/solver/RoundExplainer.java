package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.scheduling.Explanation;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a solved round into one {@link Explanation} per job of the window, from the round's
 * constraint matches ({@link RoundMatches}: the matches OptaPlanner's score explanation gives):
 * the matches that indict the job (their score impact summed per constraint, and their
 * justifications in words), plus, for a waiting job, the hard constraint that blocks its closest
 * group ({@link WaitingCause}).
 */
final class RoundExplainer {
    static final String PLACED = "placed";
    static final String WAITING = "waiting";

    private RoundExplainer() {
    }

    /**
     * @param placements the GPUs given to each placed job, in the compact form of {@code jobs.csv}
     */
    static List<Explanation> explain(RoundSchedule solved, RoundMatches matches, Map<String, String> placements) {
        Map<JobAssignment, WaitingCause> causes = WaitingCause.of(solved);
        List<Explanation> out = new ArrayList<>(solved.getJobs().size());
        for (JobAssignment a : solved.getJobs()) {
            Map<String, Object> details = new TreeMap<>();
            Map<String, String> impact = new TreeMap<>();
            TreeSet<String> why = new TreeSet<>();
            List<RoundMatches.Match> indictment = matches.of(a);
            if (!indictment.isEmpty()) {
                Map<String, HardSoftLongScore> sums = new TreeMap<>();
                for (RoundMatches.Match m : indictment) {
                    sums.merge(m.constraint(), m.score(), HardSoftLongScore::add);
                    why.add(m.justification().describe());
                }
                sums.forEach((name, s) -> impact.put(name, s.toString()));
            }
            details.put("scoreImpact", impact);
            details.put("justifications", List.copyOf(why));
            details.put("roundScore", String.valueOf(solved.getScore()));
            details.put("queuePosition", a.job().queuePosition());
            details.put("candidateGroups", a.getCandidates().size() - 1);
            String reason;
            String outcome;
            if (a.isPlaced()) {
                outcome = PLACED;
                GpuGroup g = a.getGroup();
                details.put("group", g.id());
                details.put("gpuType", g.gpuType());
                details.put("gpus", placements.getOrDefault(a.getId(), ""));
                reason = "placed on " + g.id() + " (" + g.nodeCount() + " node(s) × " + g.gpusPerNode() + " " + g.gpuType()
                        + ")" + (impact.isEmpty() ? "; no soft cost" : "; soft cost: " + summary(impact));
            } else {
                outcome = WAITING;
                WaitingCause cause = causes.get(a);
                details.put("blockedBy", cause.constraint());
                details.put("blockedPenalty", cause.penalty());
                reason = (WaitingCause.NONE.equals(cause.constraint()) ? "waits: " : "waits: " + cause.constraint() + ": ")
                        + cause.sentence();
            }
            out.add(new Explanation(a.getId(), outcome, reason, details));
        }
        return out;
    }

    private static String summary(Map<String, String> impact) {
        StringBuilder sb = new StringBuilder();
        impact.forEach((name, s) -> sb.append(sb.length() == 0 ? "" : "; ").append(name).append(' ').append(s));
        return sb.toString();
    }

    /** What makes two explanations of one job "the same" for the {@code changes} mode: outcome and blocking constraint. */
    static String changeKey(Explanation e) {
        return e.outcome() + "|" + e.details().getOrDefault("blockedBy", "") + "|" + e.details().getOrDefault("group", "");
    }
}
