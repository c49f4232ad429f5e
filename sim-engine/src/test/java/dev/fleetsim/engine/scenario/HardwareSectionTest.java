package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.hardware.Quantities;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareSectionTest {

    private static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");

    @Test
    void shippedCatalogueParsesWithTheSharedReader() {
        GpuSpec a100 = HardwareCatalog.defaults().get("A100-80GB");

        assertEquals(80L * 1024 * 1024 * 1024, a100.hbmBytes());
        assertEquals(2039e9, a100.hbmBandwidthBytesPerS());
        assertEquals(312.0, a100.peakDenseTflops().get(Precision.BF16));
        assertFalse(a100.supports(Precision.FP8));
        assertEquals(1.89, a100.priceUsdPerGpuHour());
        assertEquals(0.0, HardwareCatalog.defaults().get("L40S").nvlinkBandwidthBytesPerS());
    }

    @Test
    void overrideReplacesOnlyTheFieldsItNames() throws Exception {
        ScenarioSpec spec = load(MINIMAL + String.join("\n",
                "hardware:",
                "  H100-SXM:",
                "    price: 2.10 USD/h",
                "    peakTflops: {bf16: 800, fp8: null}",
                "    efficiency: {matmul: 0.7}",
                ""));

        GpuSpec h100 = spec.hardware().get("H100-SXM");
        assertEquals(2.10, h100.priceUsdPerGpuHour());
        assertEquals(800.0, h100.peakDenseTflops().get(Precision.BF16));
        assertEquals(H100.peakDenseTflops().get(Precision.FP16), h100.peakDenseTflops().get(Precision.FP16));
        assertFalse(h100.supports(Precision.FP8), "null removes a precision");
        assertEquals(0.7, h100.efficiency().matmul());
        assertEquals(H100.efficiency().nic(), h100.efficiency().nic());
        assertEquals(H100.hbmBytes(), h100.hbmBytes());
        assertEquals(HardwareCatalog.defaults().get("B200"), spec.hardware().get("B200"));
    }

    @Test
    void newTypeBasedOnAShippedOrADefinedType() throws Exception {
        ScenarioSpec spec = load(MINIMAL.replace("gpuType: H100-SXM", "gpuType: H100-derated") + String.join("\n",
                "hardware:",
                "  H100-derated:",
                "    basedOn: H100-measured",
                "    tdp: 500 W",
                "  H100-measured:",
                "    basedOn: H100-SXM",
                "    hbmBandwidth: 3 TB/s",
                ""));

        GpuSpec derated = spec.hardware().get("H100-derated");
        assertEquals("H100-derated", derated.name());
        assertEquals(500.0, derated.tdpWatts());
        assertEquals(3e12, derated.hbmBandwidthBytesPerS(), "inherited through H100-measured");
        assertEquals(H100.peakDenseTflops(), derated.peakDenseTflops());
    }

    @Test
    void newTypeWithoutBaseNeedsEveryField() {
        List<Problem> problems = problems(MINIMAL + String.join("\n",
                "hardware:",
                "  X1:",
                "    peakTflops: {bf16: 100}",
                "    hbm: 24 GiB",
                "    hbmBandwidth: 1 TB/s",
                "    nvlinkBandwidth: 0 GB/s",
                "    pcieBandwidth: 32 GB/s",
                "    tdp: 300 W",
                "    idlePower: 400 W",
                "    efficiency: {matmul: 0.8, memory: 0.8, nvlink: 0.8}",
                ""));

        assertEquals(List.of(
                new Problem("hardware.X1.price", "nothing", "a value for price (a type not in the shipped catalogue "
                        + "needs every field, or basedOn: one of A100-80GB, H100-SXM, H200, B200, L40S, MI300X, V100-SXM2-32GB, P40)"),
                new Problem("hardware.X1.efficiency.nic", "nothing", "a number in [0.01, 1]"),
                new Problem("hardware.X1.idlePower", "\"400 W\"", "at most the tdp (300 W)")), problems);
    }

    @Test
    void unknownBaseAndCyclesAreReported() {
        List<Problem> unknown = problems(MINIMAL + "hardware:\n  X1: {basedOn: H100-SMX}\n");
        List<Problem> cycle = problems(MINIMAL + "hardware:\n  X1: {basedOn: X2}\n  X2: {basedOn: X1}\n");

        assertEquals(1, unknown.size(), "an unknown base is one problem, not a missing field each");
        assertEquals("hardware.X1.basedOn", unknown.get(0).path());
        assertTrue(unknown.get(0).allowed().endsWith("(did you mean H100-SXM?)"), unknown.get(0).allowed());
        assertEquals(List.of(new Problem("hardware.X2.basedOn", "\"X1\", which makes a cycle X1 -> X2 -> X1",
                "a GPU type that is not based, directly or not, on X2")), cycle);
    }

    @Test
    void hardwareValuesAreUnitCheckedWithTheAllowedUnits() {
        List<Problem> problems = problems(MINIMAL + "hardware:\n  H100-SXM: {hbm: 80 GiBs, tdp: -5 W, price: 3 EUR/h,"
                + " peakTflops: {bf17: 1}, efficiency: {memory: 1.2}}\n");

        assertEquals(List.of(
                new Problem("hardware.H100-SXM.peakTflops.bf17", "unknown key \"bf17\"",
                        "a key of a map from precision to dense peak TFLOP/s: one of fp32, tf32, bf16, fp16, fp8 "
                                + "(did you mean bf16?)"),
                new Problem("hardware.H100-SXM.hbm", "\"80 GiBs\"", "from 1 MB to 100 TB: " + Units.BYTES_UNITS),
                new Problem("hardware.H100-SXM.tdp", "\"-5 W\"",
                        "from 1 W to 5 kW: " + Units.POWER_UNITS + " (" + Quantities.GPU_POWER_BOUND + ")"),
                new Problem("hardware.H100-SXM.price", "\"3 EUR/h\"", "from 0 to 10000 USD/h: a price such as \"2.5 USD/h\" (US dollars per GPU-hour)"),
                new Problem("hardware.H100-SXM.efficiency.memory", "1.2", "a number in [0.01, 1]")), problems);
    }

    @Test
    void kilowattsOfGpuOrMegawattsOfHostPowerAreUnitSlipsSaidWithTheBound() throws Exception {
        List<Problem> problems = problems(MINIMAL + "hardware:\n  H100-SXM: {tdp: 700 kW, idlePower: 6 kW}\n"
                + "cost:\n  prices:\n    H100-SXM: {owned: {hostPower: 100 kW}}\n");

        assertEquals(List.of("hardware.H100-SXM.tdp", "hardware.H100-SXM.idlePower", "cost.prices.H100-SXM.owned.hostPower"),
                problems.stream().map(Problem::path).toList(), problems.toString());
        assertTrue(problems.get(0).allowed().startsWith("from 1 W to 5 kW: ") && problems.get(0).allowed().endsWith(
                "(one GPU draws at most 5 kW: a B200 1 kW, a GB200 superchip of two GPUs and a CPU 2.7 kW)"), problems.get(0).allowed());
        assertTrue(problems.get(2).allowed().startsWith("from 0 W to 20 kW: ")
                && problems.get(2).allowed().contains("a DGX H100's host about 4.6 kW"), problems.get(2).allowed());
        assertEquals(1200.0, ScenarioTexts.load(MINIMAL + "hardware:\n  H100-SXM: {tdp: 1.2 kW, idlePower: 150 W}\n")
                .hardware().get("H100-SXM").tdpWatts(), "a B200-class board reads");
    }
}
