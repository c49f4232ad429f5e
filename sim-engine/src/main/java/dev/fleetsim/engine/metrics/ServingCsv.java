package dev.fleetsim.engine.metrics;

import java.util.List;
import java.util.Locale;

/**
 * The serving files of a run's folder: {@code requests.csv} (the request records each deployment
 * kept: all of them, or a seeded sample beyond its {@code sampleRequests}) and
 * {@code serving.csv} (each deployment's series over time). Fixed precision, {@link Locale#ROOT}.
 */
public final class ServingCsv {
    public static final String REQUESTS = "requests.csv";
    public static final String SERIES = "serving.csv";
    /** Each deployment's latency CDFs as the charts draw them (from its histograms of every request). */
    public static final String LATENCY = "latency-cdf.csv";
    /** The latencies of {@link #LATENCY}, in the order of its rows. */
    public static final List<String> LATENCIES = List.of("ttft", "tpot", "e2e", "itl");

    private ServingCsv() {
    }

    public static String requests(List<ServiceResult> services) {
        StringBuilder sb = new StringBuilder();
        sb.append("service,id,replica,arrival_s,scheduled_s,first_token_s,end_s,prompt_tokens,output_tokens,"
                + "cached_tokens,queue_s,ttft_s,tpot_s,e2e_s,preemptions,slo_met\n");
        for (ServiceResult s : services) {
            for (RequestRecord r : s.requests()) {
                sb.append(r.service()).append(',').append(r.id()).append(',').append(r.replica()).append(',')
                        .append(seconds(r.arrivalNs())).append(',').append(seconds(r.scheduledNs())).append(',')
                        .append(seconds(r.firstTokenNs())).append(',').append(seconds(r.endNs())).append(',')
                        .append(r.promptTokens()).append(',').append(r.outputTokens()).append(',')
                        .append(r.cachedTokens()).append(',').append(seconds(r.scheduledNs() - r.arrivalNs())).append(',')
                        .append(seconds(r.ttftNs())).append(',').append(fmt("%.6f", r.tpotNs() / 1e9)).append(',')
                        .append(seconds(r.e2eNs())).append(',').append(r.preemptions()).append(',')
                        .append(r.sloMet()).append('\n');
            }
        }
        return sb.toString();
    }

    public static String series(List<ServiceResult> services) {
        StringBuilder sb = new StringBuilder();
        for (ServiceResult s : services) {
            if (sb.length() == 0) {
                sb.append("service,").append(String.join(",", s.series().columns())).append('\n');
            }
            for (double[] row : s.series().rows()) {
                sb.append(s.summary().name());
                for (double v : row) {
                    sb.append(',').append(Double.isNaN(v) ? "" : fmt("%.4f", v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code service,latency,seconds,fraction}: the (seconds, cumulative fraction) points of each CDF. */
    public static String latencyCdfs(List<ServiceResult> services) {
        StringBuilder sb = new StringBuilder("service,latency,seconds,fraction\n");
        for (ServiceResult s : services) {
            double[][][] cdfs = {s.ttftCdf(), s.tpotCdf(), s.e2eCdf(), s.itlCdf()};
            for (int k = 0; k < cdfs.length; k++) {
                for (double[] point : cdfs[k]) {
                    sb.append(s.summary().name()).append(',').append(LATENCIES.get(k)).append(',')
                            .append(fmt("%.9f", point[0])).append(',').append(fmt("%.6f", point[1])).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String seconds(long ns) {
        return fmt("%.6f", ns / 1e9);
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
