package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.CollectivePoint;
import dev.fleetsim.calibration.raw.HostCopyPoint;
import dev.fleetsim.calibration.raw.P2pPoint;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.engine.hardware.CollectiveCurve;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.LinkCurve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Alpha-beta curves of the link classes (peer-to-peer over NVLink, host-device copies) and of
 * the NCCL collectives per scope. The NIC class has no benchmark of its own (inter-node traffic
 * is measured through the collectives), so it keeps its default.
 */
final class LinkFitter {

    private LinkFitter() {
    }

    static Map<String, LinkCurve> links(RawData raw, FitContext ctx, HardwareProfile defaults, List<FittedCurve> curves,
                                        List<String> notes) {
        Map<String, List<Sample>> byClass = new LinkedHashMap<>();
        List<P2pPoint> p2p = raw.all(P2pPoint.class);
        List<P2pPoint> direct = p2p.stream().filter(P2pPoint::peerAccess).toList();
        if (!p2p.isEmpty() && direct.isEmpty()) {
            notes.add("links.nvlinkPeer: no GPU pair has peer access (copies are staged through the host); not an NVLink curve");
        } else if (!direct.isEmpty() && ctx.nvlinks() == 0) {
            notes.add("links.nvlinkPeer: peer access runs over PCIe on this node (NVML reports no active NVLink); not fitted");
        } else if (!direct.isEmpty()) {
            byClass.put("nvlinkPeer", direct.stream().map(p -> new Sample(p.where(), p.src() + "->" + p.dst() + " " + AlphaBetaFit.bytes(p.bytes()),
                    p.bytes(), p.bytes(), p.timeS())).toList());
        }
        for (HostCopyPoint h : raw.all(HostCopyPoint.class)) {
            String cls = "pcie" + (h.direction().equals("h2d") ? "HostToDevice" : "DeviceToHost")
                    + (h.memory().equals("pinned") ? "Pinned" : "Pageable");
            byClass.computeIfAbsent(cls, k -> new ArrayList<>()).add(new Sample(h.where(),
                    "gpu" + h.device() + " " + AlphaBetaFit.bytes(h.bytes()), h.bytes(), h.bytes(), h.timeS()));
        }
        Map<String, LinkCurve> out = new LinkedHashMap<>();
        for (String cls : HardwareProfile.LINK_CLASSES) {
            String path = "links." + cls;
            List<Sample> samples = byClass.get(cls);
            LinkCurve d = defaults.links().get(cls);
            if (samples == null || ctx.keeps(path)) {
                if (d != null) {
                    out.put(cls, new LinkCurve(d.latencyNs(), d.bandwidthBytesPerS(), ProfileFitter.unmeasured(d.source())));
                }
                if (samples != null) {
                    notes.add(path + ": kept at the default (--keep-default)");
                }
                continue;
            }
            AlphaBetaFit f = AlphaBetaFit.fit(path, samples);
            out.put(cls, new LinkCurve(Math.round(f.latencyS() * 1e9), Round.sig(f.bandwidthBytesPerS()), String.format(Locale.ROOT,
                    "fitted to %d transfers (%d rejected) by fleetsim calibrate fit", f.stats().points(), f.stats().rejected().size())));
            curves.add(record(f, "bandwidth"));
        }
        return out;
    }

    static Map<String, Map<String, CollectiveCurve>> collectives(RawData raw, FitContext ctx, HardwareProfile defaults,
                                                                List<FittedCurve> curves, List<String> notes) {
        Map<String, Map<String, CollectiveCurve>> out = new LinkedHashMap<>();
        for (String op : HardwareProfile.COLLECTIVE_OPS) {
            for (String scope : HardwareProfile.COLLECTIVE_SCOPES) {
                String path = "collectives." + op + "." + scope;
                List<CollectivePoint> group = raw.all(CollectivePoint.class).stream()
                        .filter(c -> c.op().equals(op) && c.scope().equals(scope)).toList();
                CollectiveCurve d = defaults.collectives().getOrDefault(op, Map.of()).get(scope);
                if (group.isEmpty() || ctx.keeps(path)) {
                    if (d != null) {
                        out.computeIfAbsent(op, k -> new LinkedHashMap<>()).put(scope,
                                new CollectiveCurve(d.latencyNs(), d.busBandwidthBytesPerS(), d.gpus(), ProfileFitter.unmeasured(d.source())));
                    }
                    if (!group.isEmpty()) {
                        notes.add(path + ": kept at the default (--keep-default)");
                    }
                    continue;
                }
                int ranks = group.stream().mapToInt(CollectivePoint::ranks).max().orElse(2);
                List<Sample> samples = group.stream().filter(c -> c.ranks() == ranks)
                        .map(c -> new Sample(c.where(), op + " " + AlphaBetaFit.bytes(c.bytes()), c.bytes(),
                                c.bytes() * CollectivePoint.busFactor(op, ranks), c.timeS())).toList();
                AlphaBetaFit f = AlphaBetaFit.fit(path, samples);
                out.computeIfAbsent(op, k -> new LinkedHashMap<>()).put(scope, new CollectiveCurve(Math.round(f.latencyS() * 1e9),
                        Round.sig(f.bandwidthBytesPerS()), OptionalInt.of(ranks), String.format(Locale.ROOT,
                        "fitted to %d NCCL %s sizes on %d GPUs (%d rejected) by fleetsim calibrate fit (nccl-tests bus bandwidth)",
                        f.stats().points(), op, ranks, f.stats().rejected().size())));
                curves.add(record(f, "busBandwidth"));
            }
        }
        return out;
    }

    private static FittedCurve record(AlphaBetaFit f, String bandwidthName) {
        double[] se = f.standardErrors();
        return new FittedCurve(f.curve(), List.of(new FittedCurve.Value("latency", f.latencyS(), se[0], "s"),
                new FittedCurve.Value(bandwidthName, f.bandwidthBytesPerS(), se[1], "B/s")), f.stats(), List.of());
    }
}
