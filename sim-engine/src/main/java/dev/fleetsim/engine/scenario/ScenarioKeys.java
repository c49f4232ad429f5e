package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.Section.Listing;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.faults.FaultSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.pricing.PriceSpec;
import dev.fleetsim.engine.workload.TenantSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.fleetsim.engine.scenario.Types.NODES;

/**
 * The keys of every section of a scenario file, declared once. The top level, simulation,
 * policy and cost are here; the cluster is in {@link ClusterKeys}, jobs and models in
 * {@link JobKeys}, generators in {@link WorkloadKeys}, GPU entries in {@link HardwareKeys}.
 *
 * <h2>Adding a key</h2>
 * <ol>
 *   <li>Declare it in its section, in the place it should have in the format (the resolved
 *       scenario writes keys in declaration order):
 *       <pre>{@code
 * static final Key<ParallelismSpec, Integer> CP = SECTION.key("cp", Types.integer(1, 1_000_000))
 *         .byDefault(1).get(ParallelismSpec::cp).doc("context-parallel degree");
 *       }</pre>
 *       {@code required()}, {@code byDefault(v)}, {@code optional("what absent means")} or
 *       {@code computed("what the reader works it out from")}; {@code get(...)} is how the
 *       writer takes it from the record (leave it out for a key that is read but not written);
 *       on a job, {@code notInTemplate("why")} keeps it out of generator templates.</li>
 *   <li>Read it in the section's reader where its record is built, {@code Integer cp = CP.read(c);},
 *       with any check across keys there (report it at the key, {@code CP.at(c).problem(...)}).</li>
 *   <li>Add its row to docs/SCENARIO-FORMAT.md (a test fails until the row is there with the
 *       default), and regenerate the schema: {@code ./fleetsim schema --out docs/fleetsim-scenario.schema.json}.</li>
 * </ol>
 * Unknown-key messages and suggestions, the writer, the schema and the round-trip tests pick
 * the key up from the declaration.
 */
final class ScenarioKeys {

    static final long DAY_NS = 86_400_000_000_000L;

    private ScenarioKeys() {
    }

    /** The top level of a scenario file. */
    static final class Top {
        static final Section<ScenarioSpec> SECTION = Section.of("scenario", "a scenario", Listing.PARENS);
        static final Key<ScenarioSpec, String> NAME = SECTION.key("name", Types.text("a scenario name"))
                .required().get(ScenarioSpec::name).doc("names the results folder");
        static final Key<ScenarioSpec, String> DESCRIPTION = SECTION.key("description",
                Types.anyText("a one-line description")).byDefault("").get(ScenarioSpec::description).doc("one line");
        static final Key<ScenarioSpec, SimulationSpec> SIMULATION = SECTION.key("simulation",
                Types.map(Simulation.SECTION)).optional("see below").get(ScenarioSpec::simulation)
                .doc("run control: seed, horizon, outputs, network model");
        static final Key<ScenarioSpec, Map<String, GpuSpec>> HARDWARE = SECTION.key(
                "hardware", Types.namedMaps(HardwareKeys.Gpu.SECTION, "a map from GPU type name to its entry"))
                .optional("shipped catalogue").get(ScenarioSpec::hardware)
                .doc("overrides of shipped GPU types and new types, by name");
        static final Key<ScenarioSpec, ClusterSpec> CLUSTER = SECTION.key("cluster",
                Types.map(ClusterKeys.Cluster.SECTION)).required().get(ScenarioSpec::cluster)
                .doc("node groups and the fabric");
        static final Key<ScenarioSpec, WorkloadSpec> WORKLOAD = SECTION.key("workload",
                Types.map(WorkloadKeys.Workload.SECTION)).required().get(ScenarioSpec::workload)
                .doc("listed jobs and generators");
        static final Key<ScenarioSpec, Map<String, TenantSpec>> TENANTS = SECTION.key("tenants",
                Types.namedMaps(Tenant.SECTION, "a map from tenant name to its quota and priority"))
                .optional("none: no quotas, every tenant priority 0").get(Top::tenants)
                .doc("tenants' GPU quotas, borrowing limits, cohorts and priorities, read by every quota-aware policy");
        static final Key<ScenarioSpec, PolicySpec> POLICY = SECTION.key("policy", Types.map(Policy.SECTION))
                .optional("`{name: fifo}`").get(ScenarioSpec::policy).doc("the scheduling policy");
        static final Key<ScenarioSpec, CostSpec> COST = SECTION.key("cost", Types.map(Cost.SECTION))
                .optional("see below").get(ScenarioSpec::cost).doc("energy prices; reserved, spot and owned prices");
        static final Key<ScenarioSpec, FaultSpec> FAULTS = SECTION.key("faults", Types.map(FaultKeys.Faults.SECTION))
                .optional("none: no failures").get(s -> s.faults().enabled() ? s.faults() : null)
                .doc("GPU, node and link failures drawn from their MTBFs; nodes out of service until repaired");

        private Top() {
        }

        private static Map<String, TenantSpec> tenants(ScenarioSpec s) {
            if (s.tenants().isEmpty()) {
                return null;
            }
            Map<String, TenantSpec> out = new LinkedHashMap<>();
            s.tenants().forEach(t -> out.put(t.name(), t));
            return out;
        }
    }

    /** {@code tenants.NAME}: one tenant's share of the cluster, in Kueue's vocabulary. */
    static final class Tenant {
        static final Section<TenantSpec> SECTION = Section.of("tenant", "a tenant", Listing.PARENS);
        static final Key<TenantSpec, Long> NOMINAL_QUOTA = SECTION.key("nominalQuota", Types.longInteger(0, 100_000_000))
                .optional("none: no quota").get(t -> t.nominalQuotaGpus().isPresent() ? t.nominalQuotaGpus().getAsLong() : null)
                .doc("GPUs the tenant is guaranteed");
        static final Key<TenantSpec, Long> BORROWING_LIMIT = SECTION.key("borrowingLimit",
                Types.longInteger(0, 100_000_000)).optional("any unused quota of its cohort")
                .get(t -> t.borrowingLimitGpus().isPresent() ? t.borrowingLimitGpus().getAsLong() : null)
                .doc("GPUs it may hold beyond its quota, borrowed from its cohort's unused quota");
        static final Key<TenantSpec, String> COHORT = SECTION.key("cohort", Types.text("a cohort name"))
                .byDefault(TenantSpec.DEFAULT_COHORT).get(TenantSpec::cohort)
                .doc("tenants of one cohort lend each other unused quota");
        static final Key<TenantSpec, Integer> PRIORITY = SECTION.key("priority", Types.integer(-1_000_000, 1_000_000))
                .byDefault(0).get(TenantSpec::priority)
                .doc("larger = more important: the priority policy ranks the tenant's jobs first");

        private Tenant() {
        }
    }

    /** {@code simulation}: run control. */
    static final class Simulation {
        static final Section<SimulationSpec> SECTION = Section.of("simulation", "the simulation section", Listing.PARENS);
        static final Key<SimulationSpec, Long> SEED = SECTION.key("seed", Types.longInteger(Long.MIN_VALUE, Long.MAX_VALUE))
                .byDefault(0L).get(SimulationSpec::seed).doc("master seed; same scenario + same seed = identical results");
        static final Key<SimulationSpec, Long> HORIZON = SECTION.key("horizon", QuantityTypes.duration(true))
                .optional("none: run until every job has ended")
                .get(s -> s.horizonNs().isPresent() ? s.horizonNs().getAsLong() : null)
                .doc("simulated time at which the run stops");
        static final Key<SimulationSpec, Integer> TIMESERIES_POINTS = SECTION.key("timeseriesPoints",
                Types.integer(1, 1_000_000)).byDefault(500).get(SimulationSpec::timeseriesPoints)
                .doc("rows in timeseries.csv");
        static final Key<SimulationSpec, Boolean> CHARTS = SECTION.key("charts", Types.bool()).byDefault(true)
                .get(SimulationSpec::charts).doc("whether PNG charts are rendered");
        static final Key<SimulationSpec, NetworkMode> NETWORK = SECTION.key("network", Types.choice(networkModes()))
                .byDefault(NetworkMode.FLOW).get(SimulationSpec::network)
                .doc("flow: collectives share links by max-min fairness; analytic: each job costed alone");

        private Simulation() {
        }

        private static Map<String, NetworkMode> networkModes() {
            Map<String, NetworkMode> m = new TreeMap<>();
            for (NetworkMode mode : NetworkMode.values()) {
                m.put(mode.key(), mode);
            }
            return m;
        }
    }

    /** {@code policy}: the scheduling policy, its parameters, and what a preemption costs. */
    static final class Policy {
        static final Section<PolicySpec> SECTION = Section.of("policy", "the policy section", Listing.PARENS);
        static final Key<PolicySpec, String> NAME = SECTION.key("name",
                Types.name("a registered policy name such as fifo", context -> context.policyNames()))
                .byDefault("fifo").get(PolicySpec::name).doc("a registered policy (fleetsim policies)");
        static final Key<PolicySpec, Map<String, Object>> PARAMS = SECTION.key("params", params())
                .optional("`{}`").get(PolicySpec::params)
                .doc("the policy's parameters (docs/POLICIES.md); nested maps read as dotted keys");
        static final Key<PolicySpec, Map<String, Map<String, Object>>> PARAMS_BY_POLICY = SECTION.key("paramsByPolicy",
                paramsByPolicy()).optional("`{}`").get(p -> p.paramsByPolicy().isEmpty() ? null : p.paramsByPolicy())
                .doc("parameters of other policies, by policy name, for when compare or a sweep runs them");
        static final Key<PolicySpec, PreemptionSpec> PREEMPTION = SECTION.key("preemption",
                Types.map(Preemption.SECTION)).optional("`{checkpointInterval: 0 s, restartOverhead: 0 s}`")
                .get(PolicySpec::preemption).doc("what a preemption costs the preempted job");

        private Policy() {
        }

        /** Strings, numbers, booleans, or maps of them; written flat with dotted keys, which read back the same. */
        private static ValueType<Map<String, Object>> params() {
            String allowed = "a map of parameter name to value";
            return Types.container(allowed, params -> {
                ObjectNode n = NODES.objectNode();
                params.forEach((k, v) -> n.set(k, paramValue(v)));
                return n;
            }, context -> {
                ObjectNode s = NODES.objectNode().put("type", "object");
                s.putObject("additionalProperties").set("type",
                        Types.strings(List.of("string", "number", "boolean", "object")));
                return s;
            });
        }

        /** A map from policy name to a parameter map. */
        private static ValueType<Map<String, Map<String, Object>>> paramsByPolicy() {
            ValueType<Map<String, Object>> inner = params();
            return Types.container("a map from policy name to a map of its parameters", byPolicy -> {
                ObjectNode n = NODES.objectNode();
                byPolicy.forEach((policy, p) -> n.set(policy, inner.write(p)));
                return n;
            }, context -> {
                ObjectNode s = NODES.objectNode().put("type", "object");
                s.set("additionalProperties", inner.schema(context));
                return s;
            });
        }

        private static JsonNode paramValue(Object v) {
            if (v instanceof Boolean) {
                return NODES.booleanNode((Boolean) v);
            }
            if (v instanceof Double || v instanceof Float) {
                return NODES.numberNode(((Number) v).doubleValue());
            }
            if (v instanceof Number) {
                return NODES.numberNode(((Number) v).longValue());
            }
            return NODES.textNode(String.valueOf(v));
        }
    }

    /** {@code policy.preemption}. */
    static final class Preemption {
        static final Section<PreemptionSpec> SECTION = Section.of("preemption", "the preemption cost", Listing.PARENS);
        static final Key<PreemptionSpec, Long> CHECKPOINT_INTERVAL = SECTION.key("checkpointInterval",
                QuantityTypes.duration(false, 365 * DAY_NS)).byDefault(0L).get(PreemptionSpec::checkpointIntervalNs)
                .doc("a checkpoint every this much run time; 0 s = one at the moment of preemption");
        static final Key<PreemptionSpec, Long> RESTART_OVERHEAD = SECTION.key("restartOverhead", QuantityTypes.duration(false, 7 * DAY_NS))
                .byDefault(0L).get(PreemptionSpec::restartOverheadNs)
                .doc("time a resumed job holds its GPUs before it makes progress");
        static final Key<PreemptionSpec, Long> CHECKPOINT_COST = SECTION.key("checkpointCost", QuantityTypes.duration(false, DAY_NS))
                .byDefault(0L).get(PreemptionSpec::checkpointCostNs)
                .doc("run time one checkpoint write takes, without progress (with a positive checkpointInterval)");

        private Preemption() {
        }
    }

    /** {@code cost}: energy prices (GPU prices are on the hardware entries). */
    static final class Cost {
        static final Section<CostSpec> SECTION = Section.of("cost", "the cost section", Listing.PARENS);
        // Real facilities run from ~1.1 to ~2; above 3 is far more likely a typo than a data centre.
        static final Key<CostSpec, Double> PUE = SECTION.key("pue", Types.number(1, false, 3, false)).byDefault(1.2)
                .get(CostSpec::pue).doc("facility power / IT power");
        static final Key<CostSpec, Double> ELECTRICITY = SECTION.key("electricity",
                QuantityTypes.price("USD/kWh", "a price such as \"0.12 USD/kWh\"", 100)).byDefault(0.12)
                .get(CostSpec::electricityUsdPerKWh).doc("energy price");
        static final Key<CostSpec, Map<String, PriceSpec>> PRICES = SECTION.key("prices",
                Types.namedMaps(PriceKeys.Price.SECTION, "a map from GPU type name to its prices"))
                .optional("the shipped price catalogue (docs/PRICING.md)")
                .get(c -> c.priceOverrides().isEmpty() ? null : c.priceOverrides())
                .doc("reserved, spot and owned prices by GPU type, overriding the shipped catalogue key by key");

        private Cost() {
        }
    }

    /** Every section reachable from the top level, each once, in the order a depth-first walk meets them. */
    static List<Section<?>> sections() {
        Map<String, Section<?>> seen = new LinkedHashMap<>();
        walk(Top.SECTION, seen);
        return new ArrayList<>(seen.values());
    }

    private static void walk(Section<?> section, Map<String, Section<?>> seen) {
        if (seen.putIfAbsent(section.id(), section) != null) {
            return;
        }
        for (Key<?, ?> k : section.keys()) {
            for (Section<?> inner : k.type().sections()) {
                walk(inner, seen);
            }
        }
    }
}
