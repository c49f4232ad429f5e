package dev.fleetsim.spark;

import org.apache.spark.SparkConf;

import java.nio.file.Path;

/** What the Spark tests share: a small local Spark that binds only the loopback address, and the repository root. */
final class TestSpark {
    private TestSpark() {
    }

    static SparkConf conf(String master) {
        return new SparkConf().setMaster(master).setAppName("fleetsim-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.showConsoleProgress", "false");
    }

    /** The repository root (Maven passes it; the module folder's parent otherwise). */
    static Path root() {
        String dir = System.getProperty("fleetsim.rootDir");
        return dir != null ? Path.of(dir) : Path.of("..").toAbsolutePath().normalize();
    }
}
