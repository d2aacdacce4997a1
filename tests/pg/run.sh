#!/bin/sh
# tests/pg/run.sh COMMAND...: run COMMAND beside a throwaway PostgreSQL
# cluster that pg_virtualenv (postgresql-common) makes, starts and drops;
# run as root it keeps the cluster under the postgres user, so CI's root
# is fine. COMMAND finds the server through the PG* variables it sets,
# and GT_TEST_POSTGRESQL names it as goldthread's --db would.
set -eu
command -v pg_virtualenv >/dev/null ||
    { echo "tests/pg: needs pg_virtualenv (apt-get install postgresql)"; exit 1; }
exec pg_virtualenv sh -c 'GT_TEST_POSTGRESQL=postgresql:// exec "$@"' sh "$@"
