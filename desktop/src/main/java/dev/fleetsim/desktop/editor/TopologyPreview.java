package dev.fleetsim.desktop.editor;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.chart.NetworkChart;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.NetworkMap;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jfree.chart.JFreeChart;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster section's picture: the editor's valid scenario's network (the façade's map of it)
 * drawn by tiers, redrawn off the UI thread whenever the scenario changes its cluster. While the
 * scenario has problems the last picture stays.
 */
public final class TopologyPreview {
    private final ObjectProperty<JFreeChart> chart = new SimpleObjectProperty<>(this, "chart");
    private Object lastCluster;

    public TopologyPreview(Fleetsim fleetsim, Threads threads, DesktopSession session) {
        session.scenario().addListener((o, a, spec) -> {
            if (spec == null || spec.cluster().equals(lastCluster)) {
                return;
            }
            lastCluster = spec.cluster();
            threads.background(() -> {
                NetworkMap map = dev.fleetsim.engine.NetworkMap.of(spec);
                JFreeChart c = NetworkChart.topology("Topology", describe(spec), map, null);
                threads.ui().execute(() -> chart.set(c));
            });
        });
    }

    public ObjectProperty<JFreeChart> chart() {
        return chart;
    }

    /** {@code 12 × 8 H100-SXM, 8 × 400 Gb/s NICs · 4 nodes a leaf, 2:1 to 1 spine}. */
    static String describe(ScenarioSpec spec) {
        List<String> groups = new ArrayList<>();
        for (NodeGroupSpec g : spec.cluster().nodeGroups()) {
            groups.add(g.count() + " × " + g.gpusPerNode() + " " + g.gpuType() + ", " + g.nicsPerNode() + " × "
                    + Formats.number(g.nicBandwidthBytesPerS() * 8 / 1e9, 0) + " Gb/s NICs");
        }
        FabricSpec f = spec.cluster().fabric();
        String fabric = f.nodesPerLeaf() + " nodes a leaf, " + Formats.number(f.oversubscription(), 1).replace(".0", "") + ":1 to "
                + f.spines() + (f.spines() == 1 ? " spine" : " spines")
                + (f.kind() == FabricSpec.Kind.RAIL_OPTIMISED ? ", rail-optimised" : "")
                + f.pods().map(p -> ", pods of " + p.nodesPerPod() + " nodes").orElse("");
        return String.join("; ", groups) + " · " + fabric;
    }
}
