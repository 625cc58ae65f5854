#!/usr/bin/env bash
# Parley's benchmark: ./benchmarks/run.sh [scenario ...]   (scenarios: fanout rooms sends idle resume; default: fanout resume)
# Builds the jars, starts the local stack with the production image's JVM settings (or, with
# PARLEY_BENCH_GATEWAY=http://host:port, uses a running stack), runs the scenarios and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${PARLEY_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q -DskipTests package -pl benchmarks -am
fi
# The services run on the JVM that runs the benchmark: production's Java 25 where it is installed, else the default
# java (PARLEY_JAVA=/path/to/bin/java chooses; docs/performance.md has rows of both).
JAVA="${PARLEY_JAVA:-}"
if [ -z "$JAVA" ]; then
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  else
    JAVA=java
    echo "[bench] no JDK 25 at /usr/lib/jvm/temurin-25-jdk-amd64: the services run on $(java -version 2>&1 | head -1), not production's Java 25" >&2
  fi
fi
# PARLEY_BENCH_OPTS: e.g. "-Dparley.bench.rates=100 -Dparley.bench.jfr=target/jfr"
exec "$JAVA" ${PARLEY_BENCH_OPTS:-} -Dparley.root="$PWD" -cp "benchmarks/target/classes:benchmarks/target/lib/*" dev.parley.bench.Benchmark "$@"
