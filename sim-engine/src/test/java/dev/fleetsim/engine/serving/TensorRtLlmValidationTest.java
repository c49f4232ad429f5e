package dev.fleetsim.engine.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.testing.RepositoryFiles;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.PreemptionMode;
import dev.fleetsim.engine.workload.serving.QuantFormat;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.RouterKind;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;
import dev.fleetsim.engine.workload.serving.SloSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of validation/reference/inference.json (TensorRT-LLM v0.6.1's published throughput at
 * fixed batch, TP and lengths on H100 FP8 and A100 FP16, and its TTFT at batch 1), predicted by
 * running the replica engine as that benchmark ran the engine: {@code batch} requests at once,
 * static batching (whole prompts first, then every sequence decodes to the end), no CUDA graphs,
 * the pre-Hopper fused attention kernel of that release. One set of defaults for every row; the
 * table goes to docs/VALIDATION.md.
 */
class TensorRtLlmValidationTest {

    /** The models of the table, as published (LLaMA 7B is the v1/v2 7B shape, LLaMA 70B the GQA Llama-2-70B). */
    static ModelSpec model(String name) {
        switch (name) {
            case "LLaMA 7B":
                return ServingFixtures.model("llama2-7b");
            case "LLaMA 70B":
                return ServingFixtures.model("llama2-70b");
            case "GPT-J 6B":
                // Wang & Komatsuzaki 2021: 28 layers, d 4096, 16 heads of 256, MLP 16384, vocabulary 50400.
                return new ModelSpec("gpt-j-6b", 28, 4096, 16, 16, 16384, false, 50400, 2048);
            case "Falcon 180B":
                // TII 2023: 80 layers, d 14848, 232 query heads of 64, 8 KV heads, MLP 4d, vocabulary 65024.
                return new ModelSpec("falcon-180b", 80, 14848, 232, 8, 4 * 14848, false, 65024, 2048);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** The engine as gptSessionBenchmark drove TensorRT-LLM 0.6: one static batch, no CUDA graphs, its own FMHA. */
    static EngineSpec staticBatch(int batch, int isl) {
        return new EngineSpec(batch * isl, batch, false, 64, false, 1.0, PreemptionMode.RECOMPUTE, 0, false,
                Optional.of(AttentionKernel.FLASH2), false);
    }

    record Row(String table, String model, int batch, int tp, int isl, int osl, double published, double predicted,
               long preemptions) {
        double error() {
            return (predicted - published) / published;
        }
    }

    static ServiceResult runStatic(ModelSpec m, String gpuType, QuantFormat weights, QuantFormat kv, int batch, int tp,
                                   int isl, int osl) {
        RequestStreamSpec requests = new RequestStreamSpec(ArrivalSpec.poisson(1e12), OptionalLong.of(batch),
                OptionalLong.empty(), LengthSpec.fixed(isl), LengthSpec.fixed(osl), Optional.empty());
        ServiceSpec s = new ServiceSpec("trtllm", "default", 0, 0, m.withSeqLength(Math.max(m.seqLength(), isl + osl)),
                weights, kv, tp, 1, Optional.of(gpuType), 1, Optional.empty(), Optional.empty(), staticBatch(batch, isl),
                RouterKind.ROUND_ROBIN, requests, SloSpec.DEFAULT, ServingMode.ITERATION, 0);
        Topology topology = Topology.build(Scenarios.homogeneous(gpuType, 1, 8, Scenarios.DEFAULT_FABRIC),
                HardwareCatalog.defaults());
        int[] gpus = new int[tp];
        for (int i = 0; i < tp; i++) {
            gpus[i] = i;
        }
        return IsolatedDeployment.run(s, topology, List.of(gpus), 1, Long.MAX_VALUE, 10);
    }

    static List<Row> throughputRows() {
        JsonNode t = RepositoryFiles.reference("inference.json").get("trtllm_v0_6_1");
        List<Row> rows = new ArrayList<>();
        for (String table : List.of("h100_fp8_out_tok_s_per_gpu", "a100_fp16_out_tok_s", "l40s_fp8_out_tok_s_v0_5")) {
            boolean a100 = table.startsWith("a100");
            String gpu = table.startsWith("h100") ? "H100-SXM" : a100 ? "A100-80GB" : "L40S";
            QuantFormat q = a100 ? QuantFormat.FP16 : QuantFormat.FP8;
            for (JsonNode r : t.get(table)) {
                String name = r.get(0).asText();
                int batch = r.get(1).asInt();
                int tp = r.get(2).asInt();
                int isl = r.get(3).asInt();
                int osl = r.get(4).asInt();
                ServiceResult res = runStatic(model(name), gpu, q, q, batch, tp, isl, osl);
                assertEquals(batch, res.summary().requests().finished(), name + " batch " + batch);
                double seconds = (double) batch * osl / res.summary().throughput().outputTokensPerS();
                double total = (double) batch * osl / seconds;
                rows.add(new Row(table, name, batch, tp, isl, osl, r.get(5).asDouble(), total / tp,
                        res.summary().requests().preemptions()));
            }
        }
        return rows;
    }

    static List<Row> ttftRows() {
        JsonNode t = RepositoryFiles.reference("inference.json").get("trtllm_v0_6_1");
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : t.get("ttft_bs1_ms")) {
            String config = r.get(0).asText();
            String gpu = config.startsWith("H100") ? "H100-SXM" : config.startsWith("A100") ? "A100-80GB" : "L40S";
            QuantFormat q = config.endsWith("FP8") ? QuantFormat.FP8 : QuantFormat.FP16;
            int tp = r.get(2).asInt();
            int isl = r.get(3).asInt();
            ServiceResult res = runStatic(model(r.get(1).asText()), gpu, q, q, 1, tp, isl, 1);
            double ms = res.summary().latency().ttftS().mean() * 1e3;
            rows.add(new Row("ttft " + config, r.get(1).asText(), 1, tp, isl, 1, r.get(4).asDouble(), ms, 0));
        }
        return rows;
    }

    static double medianAbsError(List<Row> rows) {
        List<Double> errors = new ArrayList<>();
        for (Row r : rows) {
            errors.add(Math.abs(r.error()));
        }
        errors.sort(Double::compare);
        int n = errors.size();
        return n % 2 == 1 ? errors.get(n / 2) : (errors.get(n / 2 - 1) + errors.get(n / 2)) / 2;
    }

    @Test
    void medianErrorOverEveryRowIsWithinFifteenPercent() {
        List<Row> throughput = throughputRows();
        List<Row> ttft = ttftRows();
        List<Row> rows = new ArrayList<>(throughput);
        rows.addAll(ttft);
        StringBuilder table = new StringBuilder();
        for (Row r : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.0f | %.1f | %+.1f %% |%s%n",
                    r.table(), r.model(), r.batch(), r.tp(), r.isl(), r.osl(), r.published(), r.predicted(), 100 * r.error(),
                    r.preemptions() > 0 ? " preempted " + r.preemptions() : ""));
        }
        double median = medianAbsError(rows);
        System.out.print(table);
        System.out.printf(Locale.ROOT, "median |error| %.1f %% over %d rows (throughput %.1f %% over %d, TTFT %.1f %% over %d)%n",
                100 * median, rows.size(), 100 * medianAbsError(throughput), throughput.size(), 100 * medianAbsError(ttft),
                ttft.size());
        assertEquals(57, rows.size(), "every row of the reference");
        assertTrue(median <= 0.15, "median |error| " + median);
        // Each kind on its own too: the many throughput rows must not hide the TTFT ones.
        assertTrue(medianAbsError(throughput) <= 0.15, "throughput median |error|");
        assertTrue(medianAbsError(ttft) <= 0.15, "TTFT median |error|");
        // Only one row runs out of KV blocks (A100 GPT-J 6B, 60 x 2,176 tokens of a 16-bit cache with no GQA).
        assertEquals(1, rows.stream().filter(r -> r.preemptions() > 0).count(), "rows that preempt");
    }
}
