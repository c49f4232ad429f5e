/** Fleetsim engine: event kernel, cluster and workload model, performance model, scheduling SPI, metrics and scenario I/O. */
package dev.fleetsim.engine;
