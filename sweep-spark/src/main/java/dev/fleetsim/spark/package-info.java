/**
 * The optional Apache Spark runner of sweeps: the points of an experiment as one Spark task each,
 * computed by the same engine code as {@code fleetsim sweep} and written by the driver as the same
 * files (docs/SWEEPS.md).
 */
package dev.fleetsim.spark;
