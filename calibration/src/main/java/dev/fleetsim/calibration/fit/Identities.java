package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.DeviceInfo;
import dev.fleetsim.calibration.raw.RawData;
import dev.fleetsim.calibration.raw.RawFile;
import dev.fleetsim.engine.hardware.ProfileIdentity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/** The identity of a calibrated profile, from the raw files' identity lines. */
final class Identities {
    private Identities() {
    }

    static ProfileIdentity of(RawData raw, String gpuType) {
        DeviceInfo d = raw.identity().devices().get(0);
        Set<String> uuids = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        boolean quick = false;
        for (RawFile f : raw.files()) {
            f.identity().devices().forEach(x -> uuids.add(x.uuid()));
            hosts.add(f.identity().host());
            quick |= f.identity().quick();
        }
        Map<String, String> v = raw.versions();
        Map<String, String> versions = new LinkedHashMap<>();
        put(versions, "driver", v.getOrDefault("driver", v.get("cudaDriver")));
        put(versions, "cuda", v.get("cudaRuntime"));
        put(versions, "cublas", v.get("cublasLt"));
        put(versions, "cudnn", v.get("cudnn"));
        put(versions, "nccl", v.get("nccl"));
        StringBuilder notes = new StringBuilder();
        if (raw.synthetic()) {
            notes.append("SYNTHETIC: generated test data, not a measurement (")
                    .append(raw.files().get(0).identity().synthetic().orElse("")).append("). ");
        }
        notes.append("Fitted by fleetsim calibrate fit from ").append(raw.files().size()).append(" raw file(s) of host(s) ")
                .append(String.join(", ", hosts)).append(quick ? " (quick grid)" : " (full grid)")
                .append(" as ").append(gpuType).append("; clocks are the maximum SM and memory clocks");
        OptionalInt sm = d.maxSmClockMHz().isPresent() ? d.maxSmClockMHz() : d.smClockMHz();
        List<String> ids = new ArrayList<>(uuids);
        ids.removeIf(String::isEmpty);
        return new ProfileIdentity("calibration", Optional.of(d.name()), ids, d.smCount(), sm, d.memClockMHz(), versions,
                d.powerLimitW().isPresent() ? d.powerLimitW() : OptionalDouble.empty(), Optional.of(raw.measuredAt()),
                Optional.of(notes.toString()));
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
