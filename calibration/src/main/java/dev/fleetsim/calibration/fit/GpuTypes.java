package dev.fleetsim.calibration.fit;

import dev.fleetsim.engine.hardware.HardwareCatalog;

import java.util.Locale;
import java.util.Optional;

/**
 * Which catalogue GPU type a device name (as the driver reports it) is. Only names that
 * identify one catalogue entry unambiguously are mapped; for anything else (an H100 PCIe, an
 * H100 NVL) the user names the type with {@code --gpu-type}, since its peaks differ.
 */
public final class GpuTypes {
    private GpuTypes() {
    }

    /** The catalogue type of device {@code name}, if the name pins one down. */
    public static Optional<String> of(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        String type = null;
        if (n.contains("H200")) {
            type = "H200";
        } else if (n.contains("H100") && !n.contains("PCIE") && !n.contains("NVL")) {
            type = "H100-SXM";  // "NVIDIA H100 80GB HBM3" is the SXM5 board
        } else if (n.contains("A100") && n.contains("80GB") && !n.contains("PCIE")) {
            type = "A100-80GB";
        } else if (n.contains("B200")) {
            type = "B200";
        } else if (n.contains("L40S")) {
            type = "L40S";
        } else if (n.contains("MI300X")) {
            type = "MI300X";
        }
        return Optional.ofNullable(type).filter(HardwareCatalog.defaults()::containsKey);
    }

    /** The catalogue types, for messages. */
    public static String known() {
        return String.join(", ", HardwareCatalog.defaults().keySet());
    }
}
