package dev.fleetsim.engine.scenario;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnitsTest {

    @Test
    void parsesEachKindOfQuantity() {
        assertEquals(90 * 60_000_000_000L, Units.durationNs("90 min"));
        assertEquals(1_500, Units.durationNs("1.5 us"));
        assertEquals(80L * 1024 * 1024 * 1024, Units.bytes("80 GiB"));
        assertEquals(400e9 / 8, Units.bandwidthBytesPerS("400 Gb/s"));
        assertEquals(3.35e12, Units.bandwidthBytesPerS("3.35 TB/s"));
        assertEquals(1200.0, Units.watts("1.2 kW"));
        assertEquals(8e9, Units.count("8B"));
        assertEquals(0.12, Units.usdPer("0.12 USD/kWh", "USD/kWh"));
    }

    @Test
    void nothingIsFormattedAsZeroSecondsNotMicroseconds() {
        // was "0.0 us": a tenant's queueing mean of nothing read as a sub-millisecond time
        assertEquals("0 s", Units.formatDuration(0));
        assertEquals("1 ns", Units.formatDuration(1));
        assertEquals("1.5 us", Units.formatDuration(1_500));
    }

    @Test
    void longDurationsAreExact() {
        // 400 days is past 2^53 ns, where a double would round.
        assertEquals(400L * 86_400 * 1_000_000_000L + 1, Units.durationNs("34560000000000001 ns"));
        assertEquals(400L * 86_400 * 1_000_000_000L, Units.durationNs("400 d"));
    }

    @Test
    void rejectionsSayWhatIsAllowed() {
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> Units.durationNs("5 minutes"));
        IllegalArgumentException noUnit = assertThrows(IllegalArgumentException.class, () -> Units.bytes("80"));
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class, () -> Units.durationNs("20000 w"));

        assertEquals("expected " + Units.DURATION_UNITS, unit.getMessage());
        assertEquals("expected a size such as \"80 GiB\" or \"512 MB\" (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)",
                noUnit.getMessage());
        assertEquals("expected " + Units.DURATION_UNITS + ", below 290 years", huge.getMessage());
    }

    @Test
    void aPriceNeedsItsUnitInAnyCase() {
        assertEquals(2.5, Units.usdPer("2.5 usd/h", "USD/h"));
        assertEquals("expected a price such as \"2.5 USD\"",
                assertThrows(IllegalArgumentException.class, () -> Units.usdPer("400000", "USD")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.usdPer("2.5 USD/kWh", "USD/h"));
    }

    @Test
    void writtenQuantitiesReadBackExactlyInTheirCustomaryUnit() {
        assertEquals("12 min", QuantityFormat.duration(12 * 60_000_000_000L));
        assertEquals("1500 ns", QuantityFormat.duration(1_500));
        assertEquals("0 s", QuantityFormat.duration(0));
        assertEquals("80 GiB", QuantityFormat.bytes(80L << 30));
        assertEquals("400 Gb/s", QuantityFormat.networkBandwidth(Units.bandwidthBytesPerS("400 Gb/s")));
        assertEquals("3.35 TB/s", QuantityFormat.memoryBandwidth(Units.bandwidthBytesPerS("3.35 TB/s")));
        assertEquals("700 W", QuantityFormat.watts(700));
        double odd = 0.1 + 0.2;
        assertEquals(odd, Units.bandwidthBytesPerS(QuantityFormat.memoryBandwidth(odd)));
    }
}
