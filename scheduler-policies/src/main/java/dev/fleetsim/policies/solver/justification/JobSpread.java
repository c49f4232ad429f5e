package dev.fleetsim.policies.solver.justification;

/** A job spans more NVLink domains (nodes) or leaf switches than its gang needs. */
public record JobSpread(String jobId, String group, int nodes, int leaves, int minNodes, int minLeaves)
        implements Justification {
    @Override
    public String describe() {
        return jobId + " on " + group + " spans " + nodes + " node(s) and " + leaves + " leaf switch(es); it could use "
                + minNodes + " and " + minLeaves;
    }
}
