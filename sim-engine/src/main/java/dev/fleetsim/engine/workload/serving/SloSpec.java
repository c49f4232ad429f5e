package dev.fleetsim.engine.workload.serving;

/**
 * A deployment's latency objectives: a request meets them when its time to first token is at most
 * {@code ttftNs} and its time per output token at most {@code tpotNs}. {@code attainment} is the
 * fraction of requests that must meet them for a rate to count as served (DistServe's goodput
 * criterion): what {@code estimate serving} searches the highest rate for.
 */
public record SloSpec(long ttftNs, long tpotNs, double attainment) {
    /** MLPerf Inference's Llama-2-70B server scenario: TTFT 2 s, TPOT 200 ms, for 90 % of requests. */
    public static final SloSpec DEFAULT = new SloSpec(2_000_000_000L, 200_000_000L, 0.9);

    public SloSpec {
        if (ttftNs <= 0 || tpotNs <= 0 || !(attainment > 0 && attainment <= 1)) {
            throw new IllegalArgumentException("SLO targets must be positive and attainment in (0, 1]");
        }
    }
}
