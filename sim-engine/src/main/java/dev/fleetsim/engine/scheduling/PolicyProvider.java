package dev.fleetsim.engine.scheduling;

import java.util.Map;

/**
 * The service-provider interface through which policies are found: one implementation per
 * policy, listed in {@code META-INF/services/dev.fleetsim.engine.scheduling.PolicyProvider}.
 * A user's jar on the class path is discovered the same way as ours.
 */
public interface PolicyProvider {

    /** The name scenarios use, lower-case, e.g. {@code fifo}. */
    String name();

    /** One line for listings. */
    String description();

    /**
     * A policy configured by {@code params} (scalars from the scenario).
     *
     * @throws IllegalArgumentException naming the parameter, the value found and what is allowed; one problem per line
     */
    SchedulingPolicy create(Map<String, Object> params);
}
