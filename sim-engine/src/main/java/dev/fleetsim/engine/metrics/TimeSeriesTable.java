package dev.fleetsim.engine.metrics;

import java.util.List;

/**
 * The resampled time series of a run ({@code timeseries.csv}): one row per bin, columns named
 * with their units.
 */
public record TimeSeriesTable(List<String> columns, double[][] rows) {
    public TimeSeriesTable {
        columns = List.copyOf(columns);
    }

    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return i;
    }
}
