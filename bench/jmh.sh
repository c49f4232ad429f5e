#!/usr/bin/env bash
# Builds and runs the JMH microbenchmarks. Extra arguments go to JMH, e.g.
#   bench/jmh.sh KernelBenchmark -p pending=100000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && ./mvnw -B -q -DskipTests -pl benchmarks -am package)
exec java -jar "$root/benchmarks/target/benchmarks.jar" "$@"
