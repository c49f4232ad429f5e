package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fleetsim.cli.CliRunner.fleetsim;

/**
 * What a demanding first-time user tripped over in session 9's trial (README followed as printed,
 * every command's help, every shipped file, mutated inputs): each used to give Jackson's or Java's
 * words, a misleading suggestion or a wrong figure; each is now a clear refusal (exit 2: the field
 * or option, what was found, what is allowed) or the right answer.
 */
class NewcomerTrialTest extends BadInputFixture {

    @Test
    void notANumberInAHardwareProfileIsAProblemAtItsField() throws Exception {
        // was: "(document): found text that does not parse at line 10, column 24 (Malformed numeric value '.nan')"
        String shipped;
        try (var in = NewcomerTrialTest.class.getResourceAsStream("/dev/fleetsim/engine/hardware/profiles/H100-SXM.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path profile = file("nan.yaml", shipped.replaceFirst("maxEfficiency: 0.8448", "maxEfficiency: .nan"));
        refused(fleetsim("validate", profile.toString()), "gemm.bf16.maxEfficiency: found NaN; expected a number in (0, 1]");
        // the same through a scenario that names the profile file
        Path scenario = file("s.yaml", SMALL.replace("cluster:", "hardware:\n  H100-SXM: {profile: nan.yaml}\ncluster:"));
        refused(fleetsim("validate", scenario.toString()), "gemm.bf16.maxEfficiency: found NaN; expected a number in (0, 1]");
        Path inf = file("inf.yaml", shipped.replace("smCount: 132", "smCount: .inf"));
        refused(fleetsim("validate", inf.toString()), "identity.smCount: found Infinity; expected an integer from 1 to");
    }

    @Test
    void notANumberInAScenarioOrAnExperimentIsAProblemAtItsField() throws Exception {
        refused(fleetsim("validate", file("s.yaml", SMALL.replace("iterations: 10}", "iterations: .nan, dpOverlap: .inf}"))
                .toString()), "workload.jobs[0].iterations: found NaN; expected an integer >= 1");
        Files.writeString(tmp.resolve("base.yaml"), SMALL);
        Path exp = file("e.yaml", "name: e\nscenario: base.yaml\naxes:\n  nodes: [.nan, 2]\n");
        refused(fleetsim("validate", exp.toString()), "axes.nodes[0]: found NaN; expected a finite number, a string or true/false");
    }
}
