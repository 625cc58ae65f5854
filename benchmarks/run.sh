#!/usr/bin/env bash
# Parley's benchmark: ./benchmarks/run.sh [scenario ...]   (scenarios: fanout rooms sends idle resume; default: fanout resume)
# Builds the jars, starts the local stack with the production image's JVM settings (or, with
# PARLEY_BENCH_GATEWAY=http://host:port, uses a running stack), runs the scenarios and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${PARLEY_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q -DskipTests package -pl benchmarks -am
fi
# PARLEY_BENCH_OPTS: e.g. "-Dparley.bench.rates=100 -Dparley.bench.jfr=target/jfr"
exec java ${PARLEY_BENCH_OPTS:-} -Dparley.root="$PWD" -cp "benchmarks/target/classes:benchmarks/target/lib/*" dev.parley.bench.Benchmark "$@"
