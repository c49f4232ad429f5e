package dev.fleetsim.engine.workload;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published summary statistics of one cluster trace that the trace generator fits its
 * distributions to (the rows of {@code validation/reference/traces.json}). Run times are of GPU
 * jobs, in seconds; GPU counts are in the trace's own unit, and {@code gpuUnit} is how many of
 * them one simulated whole GPU stands for (PAI requests fractions of a GPU).
 *
 * @param name the key a scenario uses ({@code philly}, {@code helios}, {@code pai})
 * @param source where the figures come from
 * @param jobsInWindow jobs submitted during {@code windowDays}: sets the arrival rate
 * @param windowDays the trace's span in days
 * @param clusterGpus GPUs of the traced cluster(s): the scale at which the arrival rate gives the trace's load
 * @param meanRunS published mean run time of GPU jobs
 * @param medianRunS published median run time
 * @param maxRunS published longest run time: durations are truncated there
 * @param meanGpus published mean GPUs per job
 * @param medianGpus published median GPUs per job
 * @param maxGpus published largest request, in whole GPUs
 * @param gpuUnit trace GPUs per simulated GPU (1, or 0.5 for PAI's half-GPU median request)
 * @param reference the servers the trace's run times were measured on: a drawn duration is that
 *                  much work on them (docs/WORKLOADS.md, "Work, not time")
 */
public record TraceProfile(String name, String source, long jobsInWindow, double windowDays, int clusterGpus,
                           double meanRunS, double medianRunS, double maxRunS, double meanGpus, double medianGpus,
                           int maxGpus, double gpuUnit, ReferenceHardware reference) {

    private static final double NIC_100G_BYTES_PER_S = 100e9 / 8;

    private static final String SUMMARY = "InternLM/AcmeTrace data/cluster_summary.csv and HeliosArtifact"
            + " helios_cluster_summary.csv, via validation/reference/traces.json summary_table_seconds";

    /**
     * Philly (Jeon et al., ATC'19): 117,325 jobs in the released window 2017-08-07..2017-12-22
     * (137 days); run time and GPU figures of its 112,956 GPU jobs. The cluster size is the
     * issue's "about 2,500 GPUs"; the reference file does not give it.
     */
    public static final TraceProfile PHILLY = new TraceProfile("philly", SUMMARY + " (row Philly); datasets.philly",
            117_325, 137, 2_500, 18_006.055, 874.0, 4_240_676, 1.928, 1.0, 128, 1.0,
            new ReferenceHardware("P40", 8, 1, NIC_100G_BYTES_PER_S, "the trace's machine list (cluster_machine_list)"
                    + " gives GPU memory, not the model: 231 servers of 8 x 24 GB GPUs (1,848 GPUs, 74 % of the 2,490)"
                    + " and 321 of 2 x 12 GB (642); 24 GB in a 2017 Tesla server is a P40 (a 24 GB M40 is possible),"
                    + " 12 GB a P100 PCIe 12 GB or a K80 die; the P40 is taken, trained in fp32 (it has no fast fp16)."
                    + " One 100 Gb/s NIC per server is assumed (the paper's InfiniBand, speed recalled)"));
    /** Helios (Hu et al., SC'21): 1,580,464 GPU jobs on four clusters of 6,220 GPUs, April-September 2020 (183 days). */
    public static final TraceProfile HELIOS = new TraceProfile("helios", SUMMARY + " (row Helios (4 clusters)); helios_per_cluster",
            1_580_464, 183, 6_220, 6_651.681, 206.0, 4_320_009, 3.716, 1.0, 2048, 1.0,
            new ReferenceHardware("V100-SXM2-32GB", 8, 1, NIC_100G_BYTES_PER_S, "HeliosArtifact's record of a"
                    + " Helios node (enviornment/env_datacenter_node.txt): 8 x Tesla V100-SXM2 32 GB and one ConnectX-4"
                    + " InfiniBand (EDR, 100 Gb/s); the four clusters are taken to be alike. V100 has no bf16: the"
                    + " shapes run in fp16 there (mixed precision on tensor cores; fp32 jobs would be slower)"));
    /**
     * Alibaba PAI (Weng et al., NSDI'22): 1,037,085 GPU jobs on more than 6,500 GPUs, July-August
     * 2020 (62 days). Requests are fractions of a GPU (median 0.5): one simulated GPU stands for
     * the median request, and the largest request stays 8 GPUs (one node).
     */
    public static final TraceProfile PAI = new TraceProfile("pai", SUMMARY + " (row PAI); datasets.alibaba_pai_gpu_2020",
            1_037_085, 62, 6_500, 4_787.109, 480.667, 626_371, 0.683, 0.5, 8, 0.5,
            new ReferenceHardware("V100-SXM2-32GB", 8, 1, NIC_100G_BYTES_PER_S, "PAI is heterogeneous (the trace's"
                    + " gpu_type: T4, P100, V100, V100M32 and MISC = K40m, K80, M60; shares not in the reference"
                    + " file): the V100 class, the training GPU of the mix, is taken as the whole cluster's, in fp16;"
                    + " a T4 job would have run about 2x, a P100 job about 6x longer for the same work"));

    private static final Map<String, TraceProfile> BY_NAME = byName(List.of(PHILLY, HELIOS, PAI));

    /** Mean gap between submissions at the trace's own rate. */
    public double meanInterarrivalS() {
        return windowDays * 86_400 / jobsInWindow;
    }

    /** The published mean GPUs per job in simulated whole GPUs. */
    public double meanGpusInUnits() {
        return meanGpus / gpuUnit;
    }

    /** The published median GPUs per job in simulated whole GPUs. */
    public double medianGpusInUnits() {
        return medianGpus / gpuUnit;
    }

    /** Profiles by name, in name order. */
    public static Map<String, TraceProfile> all() {
        return BY_NAME;
    }

    public static TraceProfile get(String name) {
        TraceProfile p = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown trace '" + name + "'; known traces: " + String.join(", ", BY_NAME.keySet()));
        }
        return p;
    }

    private static Map<String, TraceProfile> byName(List<TraceProfile> list) {
        Map<String, TraceProfile> m = new TreeMap<>();
        list.forEach(p -> m.put(p.name(), p));
        return java.util.Collections.unmodifiableMap(m);
    }
}
