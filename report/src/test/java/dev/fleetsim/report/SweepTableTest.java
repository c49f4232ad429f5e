package dev.fleetsim.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sweep table's column headers say the unit the column is shown in, and nothing else. */
class SweepTableTest {

    @Test
    void aDurationShownInHoursDropsItsSecondsSuffix() {
        // was "mean_jct_s (h)": seconds or hours?
        assertEquals("mean_jct (h)", SweepTable.header("mean_jct_s", "h"));
        assertEquals("p99_ttft_s (s)", SweepTable.header("p99_ttft_s", "s"));
        assertEquals("cost_usd (USD)", SweepTable.header("cost_usd", "USD"));
        assertEquals("preemptions", SweepTable.header("preemptions", ""));
    }
}
