package dev.fleetsim.desktop.plan;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.table.Column;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.planner.Candidate;
import dev.fleetsim.planner.Constraint;
import dev.fleetsim.planner.PlanSpec;
import dev.fleetsim.planner.Sensitivity;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan screen's tables: one row per discrete choice (the planner's {@link Candidate}s: node
 * count found, cost with its interval, each constraint's metric and margin, what the search did)
 * and the sensitivity rows as the planner wrote them. Every figure is the planner's; the
 * margins are {@link Constraint#margin}.
 */
final class PlanColumns {
    private PlanColumns() {
    }

    static List<Column<Candidate>> candidates(PlanSpec plan) {
        List<Column<Candidate>> out = new ArrayList<>();
        out.add(Column.text("choice", "choice", Candidate::label));
        out.add(Column.text("GPU", "gpu_type", c -> c.choice().option().gpuType()));
        out.add(Column.text("purchase", "purchase", c -> c.choice().option().purchase().key()));
        out.add(new Column<>("nodes", "nodes", c -> (double) c.nodes(), c -> c.feasible() ? Integer.toString(c.nodes()) : "none",
                c -> Integer.toString(c.nodes()), true));
        out.add(new Column<>("seeds", "seeds", c -> (double) c.seeds(), c -> Integer.toString(c.seeds()),
                c -> Integer.toString(c.seeds()), true));
        out.add(new Column<>("cost / month", "cost_usd_per_month", c -> c.feasible() ? c.costUsdPerMonth().mean() : Double.MAX_VALUE,
                c -> c.feasible() ? usd(c.costUsdPerMonth()) : "—", c -> c.feasible() ? Formats.plain(c.costUsdPerMonth().mean(), 2) : "",
                true));
        for (int i = 0; i < plan.constraints().size(); i++) {
            int k = i;
            Constraint con = plan.constraints().get(i);
            out.add(new Column<>(con.metric().label(), con.metric().key(),
                    c -> c.feasible() ? c.metrics().get(k).mean() : Double.MAX_VALUE,
                    c -> c.feasible() ? con.format(c.metrics().get(k).mean()) : "—",
                    c -> c.feasible() ? Formats.plain(c.metrics().get(k).mean(), 6) : "", true));
            out.add(new Column<>("margin", "margin_" + con.metric().key(),
                    c -> c.feasible() ? con.margin(c.metrics().get(k).mean()) : -Double.MAX_VALUE,
                    c -> c.feasible() ? margin(con.margin(c.metrics().get(k).mean())) : "—",
                    c -> c.feasible() ? Formats.plain(con.margin(c.metrics().get(k).mean()), 4) : "", true));
        }
        out.add(Column.text("search", "status", Candidate::status));
        return out;
    }

    static final List<Column<Sensitivity.Row>> SENSITIVITY = List.of(
            Column.text("change", "change", Sensitivity.Row::change),
            Column.text("value", "value", Sensitivity.Row::value),
            Column.text("effect", "effect", Sensitivity.Row::effect));

    /** {@code $200,279 [$200,004 – $200,597]}; one seed has no interval. */
    static String usd(Estimate e) {
        return e.hasInterval() ? Formats.usd(e.mean()) + " [" + Formats.usd(e.low()) + " – " + Formats.usd(e.high()) + "]"
                : Formats.usd(e.mean());
    }

    static String margin(double m) {
        return String.format(java.util.Locale.ROOT, "%+.0f %%", 100 * m);
    }
}
