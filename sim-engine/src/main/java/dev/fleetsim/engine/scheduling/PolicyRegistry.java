package dev.fleetsim.engine.scheduling;

import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.Map;

/**
 * Policies by name, discovered with {@link ServiceLoader}. Two providers with one name are an
 * error at load time; an unknown name lists the valid ones.
 */
public final class PolicyRegistry {
    private final Map<String, PolicyProvider> providers;

    private PolicyRegistry(Map<String, PolicyProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    public static PolicyRegistry load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    public static PolicyRegistry load(ClassLoader loader) {
        return of(ServiceLoader.load(PolicyProvider.class, loader).stream().map(ServiceLoader.Provider::get).toList());
    }

    public static PolicyRegistry of(List<PolicyProvider> list) {
        Map<String, PolicyProvider> byName = new TreeMap<>();
        for (PolicyProvider p : list) {
            PolicyProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null) {
                throw new IllegalStateException("two scheduling policies are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new PolicyRegistry(byName);
    }

    /** Registered names, sorted. */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    public Map<String, PolicyProvider> providers() {
        return providers;
    }

    /** @throws IllegalArgumentException for an unknown name, listing the known ones */
    public PolicyProvider get(String name) {
        PolicyProvider p = providers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown policy '" + name + "'; known policies: " + String.join(", ", names()));
        }
        return p;
    }
}
