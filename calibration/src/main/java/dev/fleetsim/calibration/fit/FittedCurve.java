package dev.fleetsim.calibration.fit;

import java.util.List;

/**
 * The record of one curve the fitter produced: its profile path, the fit quality and what the
 * fitter noticed (tiles it dropped, parameters it could not measure and kept at defaults).
 *
 * @param path profile path, e.g. {@code gemm.bf16} or {@code collectives.allReduce.intraNode}
 * @param parameters fitted values by name, in fit order, for the report
 * @param stats the fit quality
 * @param notes remarks for the report
 */
public record FittedCurve(String path, List<Value> parameters, FitStats stats, List<String> notes) {
    public FittedCurve {
        parameters = List.copyOf(parameters);
        notes = List.copyOf(notes);
    }

    /**
     * One fitted parameter with its standard error.
     *
     * @param name parameter name
     * @param value fitted value
     * @param standardError its standard error (0 when not estimated)
     * @param unit unit of both, e.g. {@code s} or empty
     */
    public record Value(String name, double value, double standardError, String unit) {
    }
}
