package dev.fleetsim.calibration.report;

import dev.fleetsim.calibration.fit.FitStats;
import dev.fleetsim.calibration.fit.FittedCurve;
import dev.fleetsim.calibration.fit.ProfileFitter;
import dev.fleetsim.calibration.fit.UnidentifiableException;
import dev.fleetsim.calibration.fit.FitInputException;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.report.FitChart;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The calibration report of a profile: charts (measured points when raw files are given, the
 * fitted curves, rejected points, datasheet peaks) and a Markdown summary (headline figures
 * measured vs datasheet vs the shipped default, fit quality, rejected points, the peer-to-peer
 * matrix). With raw files the report re-runs the fit (deterministic) to know which points the
 * fit rejected.
 *
 * @param charts the charts to render, one PNG each
 * @param markdown the summary ({@code report.md})
 */
public record CalibrationReport(List<FitChart> charts, String markdown) {

    /** The summary's file name. */
    public static final String SUMMARY = "report.md";

    public CalibrationReport {
        charts = List.copyOf(charts);
    }

    public static CalibrationReport of(HardwareProfile profile, Optional<RawData> raw) {
        GpuSpec spec = HardwareCatalog.defaults().get(profile.gpuType());
        if (spec == null) {
            throw new FitInputException("the profile describes " + profile.gpuType()
                    + ", which is not a catalogue type; the report needs its datasheet peaks");
        }
        Optional<ProfileFitter.Calibration> refit = Optional.empty();
        if (raw.isPresent()) {
            try {
                refit = Optional.of(ProfileFitter.fit(raw.get(), new ProfileFitter.Options(Optional.of(profile.gpuType()), List.of())));
            } catch (UnidentifiableException | FitInputException e) {
                refit = Optional.empty();
            }
        }
        Set<String> rejected = new HashSet<>();
        refit.ifPresent(c -> {
            for (FittedCurve f : c.curves()) {
                for (FitStats.RejectedPoint r : f.stats().rejected()) {
                    rejected.add(r.where());
                }
            }
        });
        int cc = raw.map(r -> r.identity().devices().get(0).computeCapabilityCode())
                .orElse(profile.attention().containsKey(AttentionKernel.FLASH3) ? 90 : 80);
        List<FitChart> charts = new ReportCharts(profile, spec, raw, rejected, cc).all();
        String md = new ReportMarkdown(profile, spec.profile(), spec, raw, refit, cc).build(charts);
        return new CalibrationReport(charts, md);
    }
}
