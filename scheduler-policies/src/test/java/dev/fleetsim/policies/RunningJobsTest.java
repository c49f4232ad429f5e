package dev.fleetsim.policies;

import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.RunningJobs;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.fleetsim.policies.TestRuns.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's {@code runningJobs()} reads the same figures as the running views, in the same
 * order, and hands out the very views of {@code running()}, whether it is read before or after them.
 */
class RunningJobsTest {

    @Test
    void figuresAreThoseOfTheViews() {
        List<TrainingJobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(job(String.format("j%02d", i), 1 + i % 4, 20 + 37L * (i % 7), 3L * i, "t"));
        }
        int[] checked = new int[1];
        RunResult r = TestRuns.run(TestRuns.scenario(Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC),
                jobs, List.of(), "las", Map.of("thresholds", "30 s, 200 s"), PreemptionSpec.FREE, 1),
                t -> new FixedStepModel(1.0, 0.5), policy -> context -> {
                    boolean numbersFirst = checked[0] % 2 == 0;
                    RunningJobs numbers = context.runningJobs();
                    if (numbersFirst && numbers.size() > 0) {
                        numbers.view(numbers.size() - 1);
                    }
                    List<RunningJobView> views = context.running();
                    assertEquals(views.size(), numbers.size());
                    for (int i = 0; i < views.size(); i++) {
                        RunningJobView v = views.get(i);
                        assertSame(v, numbers.view(i));
                        assertSame(v.job(), numbers.job(i));
                        assertEquals(v.startTimeNs(), numbers.startTimeNs(i));
                        assertEquals(Double.doubleToLongBits(v.attainedGpuSeconds()),
                                Double.doubleToLongBits(numbers.attainedGpuSeconds(i)));
                        checked[0]++;
                    }
                    return policy.schedule(context);
                });
        assertTrue(checked[0] > 50, checked[0] + " running jobs checked");
        assertTrue(r.jobs().stream().mapToInt(j -> j.preemptions()).sum() > 0, "jobs were preempted");
    }
}
