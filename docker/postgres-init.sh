#!/bin/sh
# One database and one role per service (each service owns its data). The passwords come from the compose
# environment; the defaults there are development-only values.
set -eu
for svc in auth room message; do
  pw_var="PARLEY_${svc}_DB_PASSWORD"
  pw=$(eval "echo \${$pw_var}")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE parley_${svc} LOGIN PASSWORD '${pw}';
CREATE DATABASE parley_${svc} OWNER parley_${svc};
SQL
done
