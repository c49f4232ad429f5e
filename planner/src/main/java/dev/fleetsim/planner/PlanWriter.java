package dev.fleetsim.planner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.report.ChartTheme;
import dev.fleetsim.report.ParetoChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Writes a plan's results folder, whole or not at all ({@link ResultFolder}): {@code plan.json}
 * (the answer: chosen configuration with intervals and margins, simulations run against the
 * grid), {@code candidates.csv}, {@code points.csv} (every simulation), {@code pareto.csv} and
 * {@code pareto.png}, {@code sensitivity.csv}, and {@code chosen-scenario.yaml}, the chosen
 * configuration as a scenario {@code fleetsim run} takes.
 */
public final class PlanWriter {
    public static final String CHOSEN = "chosen-scenario.yaml";

    private PlanWriter() {
    }

    public static List<String> write(PlanResult r, Path dir, boolean charts, BooleanSupplier cancelled) throws IOException {
        Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put("plan.json", text(json(r)));
        files.put("candidates.csv", text(candidatesCsv(r)));
        files.put("points.csv", text(pointsCsv(r)));
        files.put("pareto.csv", text(paretoCsv(r)));
        files.put("sensitivity.csv", text(sensitivityCsv(r)));
        if (r.chosen().isPresent()) {
            Candidate c = r.chosen().get();
            String yaml = RunnableScenario.yaml(r.plan(), c.choice(), c.nodes(), r.plan().name() + "-chosen",
                    "The configuration `fleetsim plan` chose for " + r.plan().name() + ": " + c.label() + " at "
                    + c.nodes() + " nodes (plan.json). Run it with: fleetsim run " + CHOSEN);
            files.put(CHOSEN, text(yaml));
        }
        if (charts) {
            files.put("pareto.png", ChartTheme.DEFAULT.png(chart(r)));
        }
        ResultFolder.replace(dir, into -> {
            for (Map.Entry<String, AtomicFiles.Content> e : files.entrySet()) {
                if (cancelled.getAsBoolean()) {
                    throw new ResultFolder.Cancelled();
                }
                try (var out = Files.newOutputStream(into.resolve(e.getKey()))) {
                    e.getValue().writeTo(out);
                }
            }
        }, cancelled);
        return new ArrayList<>(files.keySet());
    }

    private static AtomicFiles.Content text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return out -> out.write(b);
    }

    /** The cost–SLO chart of {@code pareto.png}: one marker per {@link Configuration}, series named by choice. */
    public static org.jfree.chart.JFreeChart chart(PlanResult r) {
        return chart(ChartTheme.DEFAULT, r);
    }

    /** The same chart in another theme (the desktop's). */
    public static org.jfree.chart.JFreeChart chart(ChartTheme theme, PlanResult r) {
        int m = r.paretoMetric();
        Constraint c = r.plan().constraints().get(m);
        Map<String, List<ParetoChart.Point>> byChoice = new LinkedHashMap<>();
        for (PlanSpec.Choice ch : r.plan().choices()) {
            byChoice.put(ch.label(), new ArrayList<>());
        }
        for (Configuration k : Configuration.of(r)) {
            if (k.fits()) {
                byChoice.get(k.label()).add(new ParetoChart.Point(k.costUsdPerMonth(), k.paretoMetric(r)));
            }
        }
        List<ParetoChart.Point> front = r.pareto().stream().map(p -> new ParetoChart.Point(p.costUsdPerMonth(), p.metric()))
                .toList();
        String chosen = r.chosen().map(x -> "chosen: " + x.label() + " × " + x.nodes() + " nodes, "
                + String.format(Locale.ROOT, "%,.0f USD/month", x.costUsdPerMonth().mean())).orElse("no configuration meets every constraint");
        ParetoChart.Point ringed = r.chosen().map(x -> new ParetoChart.Point(x.costUsdPerMonth().mean(), x.metrics().get(m).mean()))
                .orElse(null);
        return ParetoChart.of(theme, r.plan().name() + ": cost against " + c.label(),
                "every configuration simulated, at the mean of its seeds (screened ones on " + r.plan().screenSeeds().size()
                        + "); " + chosen, c.label(), c.metric().time, byChoice, front, ringed, c.limit());
    }

    static String json(PlanResult r) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("plan", r.plan().name());
        root.put("scenario", r.plan().base().name());
        root.put("objective", "lowest fleet cost per month");
        ArrayNode cs = root.putArray("constraints");
        r.plan().constraints().forEach(c -> cs.add(c.describe()));
        ObjectNode search = root.putObject("search");
        search.put("simulations", r.simulations());
        search.put("fullGrid", r.fullGrid());
        search.put("avoided", r.fullGrid() - r.simulations());
        search.put("choices", r.plan().choices().size());
        search.put("nodes", r.plan().minNodes() + ".." + r.plan().maxNodes());
        search.put("screenSeeds", r.plan().screenSeeds().toString());
        search.put("confirmSeeds", r.plan().confirmSeeds().toString());
        search.put("intervals", Estimate.METHOD);
        if (r.chosen().isPresent()) {
            root.set("chosen", candidate(mapper, r, r.chosen().get()));
        } else {
            root.putNull("chosen");
            Infeasibility why = Infeasibility.of(r).orElseThrow();
            ObjectNode none = root.putObject("infeasible");
            ArrayNode conflicts = none.putArray("conflicts");
            why.conflicts().forEach(conflicts::add);
            none.put("closest", why.closest());
        }
        ArrayNode all = root.putArray("candidates");
        r.candidates().forEach(c -> all.add(candidate(mapper, r, c)));
        ArrayNode sens = root.putArray("sensitivity");
        for (Sensitivity.Row row : r.sensitivity()) {
            sens.addObject().put("change", row.change()).put("value", row.value()).put("effect", row.effect());
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    private static ObjectNode candidate(ObjectMapper mapper, PlanResult r, Candidate c) {
        ObjectNode n = mapper.createObjectNode();
        n.put("choice", c.label());
        n.put("gpuType", c.choice().option().gpuType());
        n.put("purchase", c.choice().option().purchase().key());
        n.put("oversubscription", c.choice().oversubscription());
        n.put("policy", c.choice().policy());
        n.put("nodes", c.nodes());
        n.put("seeds", c.seeds());
        n.put("confirmed", c.confirmed());
        n.put("status", c.status());
        if (c.feasible()) {
            estimate(n.putObject("costUsdPerMonth"), c.costUsdPerMonth());
            ObjectNode metrics = n.putObject("metrics");
            for (int i = 0; i < c.metrics().size(); i++) {
                Constraint k = r.plan().constraints().get(i);
                ObjectNode m = metrics.putObject(k.key());
                estimate(m, c.metrics().get(i));
                m.put("limit", k.limit());
                m.put("margin", k.margin(c.metrics().get(i).mean()));
            }
        }
        return n;
    }

    private static void estimate(ObjectNode n, Estimate e) {
        n.put("mean", e.mean());
        if (e.hasInterval()) {
            n.put("low", e.low());
            n.put("high", e.high());
        }
    }

    static String candidatesCsv(PlanResult r) {
        StringBuilder b = new StringBuilder("choice,gpu_type,purchase,oversubscription,policy,nodes,seeds,confirmed,"
                + "cost_usd_per_month,cost_low,cost_high");
        r.plan().constraints().forEach(c -> b.append(',').append(c.key()).append(",margin_").append(c.key()));
        b.append(",status\n");
        for (Candidate c : r.candidates()) {
            b.append(csv(c.label())).append(',').append(c.choice().option().gpuType()).append(',')
                    .append(c.choice().option().purchase().key()).append(',').append(c.choice().oversubscription()).append(',')
                    .append(c.choice().policy()).append(',').append(c.nodes()).append(',').append(c.seeds()).append(',')
                    .append(c.confirmed());
            if (c.feasible()) {
                Estimate e = c.costUsdPerMonth();
                b.append(',').append(num(e.mean())).append(',').append(e.hasInterval() ? num(e.low()) : "").append(',')
                        .append(e.hasInterval() ? num(e.high()) : "");
                for (int i = 0; i < c.metrics().size(); i++) {
                    double v = c.metrics().get(i).mean();
                    b.append(',').append(num(v)).append(',').append(num(r.plan().constraints().get(i).margin(v)));
                }
            } else {
                b.append(",,,").append(",,".repeat(r.plan().constraints().size()));
            }
            b.append(',').append(csv(c.status())).append('\n');
        }
        return b.toString();
    }

    static String pointsCsv(PlanResult r) {
        StringBuilder b = new StringBuilder("choice,nodes,seed,jobs,rejected,cost_usd_per_month");
        r.plan().constraints().stream().filter(c -> c.metric().improvesWithNodes())
                .forEach(c -> b.append(',').append(c.key()));
        b.append(",wall_s\n");
        for (Evaluation e : r.points()) {
            b.append(csv(e.choice())).append(',').append(e.nodes()).append(',').append(e.seed()).append(',').append(e.jobs())
                    .append(',').append(e.rejected()).append(',').append(num(e.cost().totalUsdPerMonth()));
            for (int i = 0; i < e.metrics().length; i++) {
                if (r.plan().constraints().get(i).metric().improvesWithNodes()) {
                    b.append(',').append(num(e.metrics()[i]));
                }
            }
            b.append(',').append(String.format(Locale.ROOT, "%.3f", e.wallS())).append('\n');
        }
        return b.toString();
    }

    static String paretoCsv(PlanResult r) {
        Constraint c = r.plan().constraints().get(r.paretoMetric());
        StringBuilder b = new StringBuilder("choice,nodes,seeds,cost_usd_per_month," + c.key() + "\n");
        for (PlanResult.ParetoPoint p : r.pareto()) {
            b.append(csv(p.choice())).append(',').append(p.nodes()).append(',').append(p.seeds()).append(',')
                    .append(num(p.costUsdPerMonth())).append(',').append(num(p.metric())).append('\n');
        }
        return b.toString();
    }

    static String sensitivityCsv(PlanResult r) {
        StringBuilder b = new StringBuilder("change,value,effect\n");
        for (Sensitivity.Row row : r.sensitivity()) {
            b.append(csv(row.change())).append(',').append(csv(row.value())).append(',').append(csv(row.effect())).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
