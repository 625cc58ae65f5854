#!/usr/bin/env bash
# Runs Parley on this machine: embedded PostgreSQL, a KRaft Kafka broker and the four services.
# The gateway answers on http://localhost:8080. Ctrl-C stops everything; data stays in .parley/.
#   KAFKA_BOOTSTRAP_SERVERS=host:9092      use an external Kafka instead of the embedded broker
#   PARLEY_DB_HOST=... PARLEY_DB_PORT=... PARLEY_DB_USER=... PARLEY_DB_PASSWORD=...
#                                          use an external PostgreSQL instead of the embedded one
set -euo pipefail
cd "$(dirname "$0")"
if [ "${PARLEY_SKIP_BUILD:-}" != "1" ]; then
  echo "[parley] building (./mvnw -DskipTests package)..."
  ./mvnw -B -q -DskipTests package
fi
exec java -Dparley.root="$PWD" -cp "local-stack/target/classes:local-stack/target/lib/*" dev.parley.localstack.LocalStack
