package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.Problem;

import java.util.Locale;

/** The refusal of a run without a horizon that did not end within the simulated clock's span (moved out of {@link ClusterRun}). */
final class PastTheClock {
    private PastTheClock() {
    }

    /**
     * Why a run without a horizon did not end within the clock's span, naming {@code late}: the first
     * running job in index order, else the first that had not ended (null: none).
     */
    static Problem problem(Job late, int jobs, int ended) {
        String why = "";
        if (late instanceof TrainingJob && late.state == JobState.RUNNING) {
            TrainingJob t = (TrainingJob) late;
            why = String.format(Locale.ROOT, "; job %s, running %,d iterations at %.3g s each, would need about %s",
                    Echo.plain(t.spec.id()), t.spec.iterations(), t.iterationTimeNs / 1e9,
                    SimTime.years(t.spec.iterations() * t.iterationTimeNs));
        } else if (late != null) {
            long submit = late.spec().submitTimeNs();
            why = "; job " + Echo.plain(late.spec().id()) + " is " + late.state.name().toLowerCase(Locale.ROOT)
                    + (submit > SimTime.MAX_NS / 2 ? " (submitted at " + SimTime.years(submit) + ")" : "");
        }
        return new Problem("simulation.horizon", "none, and " + (jobs - ended) + " of " + jobs
                + " jobs had not ended after " + SimTime.years(SimTime.MAX_NS) + " of simulated time" + why,
                "jobs that end within " + SimTime.years(SimTime.MAX_NS) + " (fewer iterations or tokens), or a horizon"
                        + " of at most that, to study the run up to it");
    }

}
