package dev.fleetsim.engine.scenario;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * The outer classes of the scenario key tables ({@link ScenarioKeys}, {@link JobKeys}, ...), linked
 * before the first table initialises. The tables are nested classes whose field initialisers make
 * about 160 lambdas ({@code .get(GpuSpec::hbmBytes)}), and JDK 17's class-data archive
 * ({@code ./fleetsim}'s, docs/ARCHITECTURE.md "The launcher") keeps a lambda only when the nest
 * host of the class that makes it is linked by then; nothing else touches these outer classes,
 * so without this every start spun those lambdas again (docs/PERFORMANCE.md, "Start-up: archived
 * key lambdas, concatenation, charts"). Linking them changes no value: their own statics are constants and lists of names.
 */
final class KeyHosts {
    /** Every top-level class of this package that holds key tables (KeyHostsTest checks the list against the package). */
    static final List<Class<?>> ALL = List.of(ScenarioKeys.class, ClusterKeys.class, ExperimentKeys.class,
            FaultKeys.class, HardwareKeys.class, JobKeys.class, PriceKeys.class, ServiceKeys.class, WorkloadKeys.class);

    private KeyHosts() {
    }

    /** Initialises (so links) every host; called from {@link Section}'s initialiser, which every table runs first. */
    static void link() {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (Class<?> host : ALL) {
            try {
                lookup.ensureInitialized(host);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot link " + host.getName(), e);
            }
        }
    }
}
