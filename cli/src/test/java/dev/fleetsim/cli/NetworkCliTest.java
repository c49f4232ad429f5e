package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fleetsim estimate collective} and the network files of a run. */
class NetworkCliTest {

    /** Data rows as {size, count, time us, algbw, busbw}. */
    private static List<double[]> rows(String out) {
        List<double[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5])});
        }
        return rows;
    }

    @Test
    void allReduceOnOneH100NodeDoublesFromOneMibToEightGibWithTheNcclTestsFactor() {
        CliRunner.Outcome o = fleetsim("estimate", "collective", "--op", "allreduce", "--gpus", "8", "--gpu", "H100-SXM");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("algorithm nvls"), o.out());
        List<double[]> rows = rows(o.out());
        assertEquals(14, rows.size(), "1 MiB, 2 MiB, ... 8 GiB");
        assertEquals(1 << 20, rows.get(0)[0]);
        assertEquals(8L << 30, rows.get(13)[0]);
        for (double[] r : rows) {
            assertEquals(r[0] / 4, r[1], "count of floats");
            assertEquals(r[3] * 2 * 7 / 8, r[4], 0.01, "busbw = algbw x 2(n-1)/n");
            assertEquals(r[0] / (r[2] * 1e-6) / 1e9, r[3], 0.01 * r[3], "algbw = size / time");
        }
        // Published NVLS busbw on 8 x H100 at large sizes: ~480 GB/s (validation/reference/collectives.json).
        assertEquals(480, rows.get(13)[4], 48);
    }

    @Test
    void ringAndMultiNodeFiguresMatchThePublishedOnesWithinTenPercent() {
        CliRunner.Outcome ring = fleetsim("estimate", "collective", "--gpus", "8", "--algo", "ring", "--sizes", "8G");
        assertEquals(0, ring.exit(), ring.err());
        assertEquals(370, rows(ring.out()).get(0)[4], 37, ring.out());

        CliRunner.Outcome dgx = fleetsim("estimate", "collective", "--gpus", "16", "--gpu", "A100-80GB", "--nic", "200 Gb/s",
                "--sizes", "4G..8G");
        assertEquals(0, dgx.exit(), dgx.err());
        assertTrue(dgx.out().contains("2 node(s), 8 rank(s) a node"), dgx.out());
        assertEquals(192, rows(dgx.out()).get(1)[4], 19.2, dgx.out());
    }

    @Test
    void allGatherUsesItsOwnBusBandwidthFactor() {
        CliRunner.Outcome o = fleetsim("estimate", "collective", "--op", "allgather", "--gpus", "16", "--nodes", "4", "--sizes", "64M..256M");
        assertEquals(0, o.exit(), o.err());
        List<double[]> rows = rows(o.out());
        assertEquals(3, rows.size());
        for (double[] r : rows) {
            assertEquals(r[3] * 15 / 16, r[4], 0.01);
        }
    }

    @Test
    void badOptionsAreClearErrors() {
        CliRunner.Outcome op = fleetsim("estimate", "collective", "--op", "allreduse");
        assertEquals(2, op.exit());
        assertTrue(op.err().contains("--op: found \"allreduse\"; expected one of allreduce"), op.err());
        CliRunner.Outcome sizes = fleetsim("estimate", "collective", "--sizes", "8G..1M");
        assertEquals(2, sizes.exit());
        assertTrue(sizes.err().contains("--sizes: found \"8G..1M\"; expected FROM no larger than TO"), sizes.err());
        CliRunner.Outcome nodes = fleetsim("estimate", "collective", "--gpus", "12", "--nodes", "5");
        assertEquals(2, nodes.exit());
        assertTrue(nodes.err().contains("--nodes: found 5"), nodes.err());
        CliRunner.Outcome noFile = fleetsim("estimate");
        assertEquals(2, noFile.exit());
        assertTrue(noFile.err().contains("FILE: found nothing; expected a scenario file"), noFile.err());
        assertTrue(!noFile.err().contains("Exception"), noFile.err());
    }

    @Test
    void theContentionRunWritesLinksAndTheirChart(@TempDir Path tmp) throws Exception {
        Path scenario = TestPaths.scenarios().resolve("contention.yaml");
        CliRunner.Outcome o = fleetsim("run", scenario.toString(), "--out", tmp.toString(), "--quiet");
        assertEquals(0, o.exit(), o.err());
        List<String> links = Files.readAllLines(tmp.resolve("links.csv"));
        assertEquals("link,label,name,kind,capacity_gbytes_per_s,gbytes,mean_utilisation,peak_utilisation", links.get(0));
        // Straddle and neighbour (later late) both cross leaf 2's up-link: it carries the most, and
        // while they share it their bursts keep it more than 90 % busy on average (bursts fill it).
        double leaf2 = peakOf(links, ",leaf2->spine0,LEAF_SPINE,");
        assertTrue(leaf2 > 0.9 && leaf2 <= 1.0, "leaf 2's up-link is busiest while straddle shares it: " + links);
        for (String l : links) {
            if (l.contains(",LEAF_SPINE,")) {
                assertTrue(Double.parseDouble(l.substring(l.lastIndexOf(',') + 1)) <= leaf2, l);
            }
        }
        assertTrue(Files.size(tmp.resolve("links.png")) > 1000);
        String summary = Files.readString(tmp.resolve("summary.json"));
        assertTrue(summary.contains("\"networkUpdates\" : 8"), summary);
        // the paces the README and the scenario's comment quote (iteration_time_s is a job's last pace)
        List<String> jobs = Files.readAllLines(tmp.resolve("jobs.csv"));
        int col = List.of(jobs.get(0).split(",")).indexOf("iteration_time_s");
        java.util.Map<String, Double> pace = new java.util.HashMap<>();
        jobs.subList(1, jobs.size()).forEach(l -> pace.put(l.split(",")[0], Double.parseDouble(l.split(",")[col])));
        assertEquals(0.31, pace.get("packed"), 0.005, "under one leaf: " + pace);
        assertEquals(0.40, pace.get("late"), 0.005, "alone across the 8:1 spine: " + pace);
        assertEquals(0.54, pace.get("straddle"), 0.005, "sharing leaf 2's up-link: " + pace);
    }

    private static double peakOf(List<String> links, String name) {
        String line = links.stream().filter(l -> l.contains(name)).findFirst().orElseThrow(() -> new AssertionError(name));
        return Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
    }
}
