#!/usr/bin/env bash
# ./test.sh [dotnet test options] — starts a ClickHouse and a PostgreSQL for the tests (their own
# ports and data in .data/test, so a running demo is untouched), then runs every test; then starts the
# local ClickHouse cluster (ZooKeeper and three ClickHouse servers, data in .data/test/cluster) and runs
# the cluster tests: those marked [Trait("Warehouse", "Cluster")], and again those marked "Both"
# (golden metrics, schema, ingest…) with every test server on the cluster. INSIGHTS_TEST_CLUSTER=0 skips that part.
# A --filter applies to both parts.
# Ports: INSIGHTS_TEST_CLICKHOUSE_PORT (38123), INSIGHTS_TEST_CLICKHOUSE_TCP_PORT (39000),
# INSIGHTS_TEST_POSTGRES_PORT (35432), INSIGHTS_TEST_CLUSTER_PORT (32100: ZooKeeper there, ClickHouse
# node n on HTTP/TCP/interserver base+10n+1/+2/+3); a database on them that belongs to another folder is refused.
set -euo pipefail
cd "$(dirname "$0")"
source ./services.sh

DATA=.data/test
CLICKHOUSE_PORT=${INSIGHTS_TEST_CLICKHOUSE_PORT:-38123}
CLICKHOUSE_TCP_PORT=${INSIGHTS_TEST_CLICKHOUSE_TCP_PORT:-39000}
POSTGRES_PORT=${INSIGHTS_TEST_POSTGRES_PORT:-35432}
CLUSTER_PORT=${INSIGHTS_TEST_CLUSTER_PORT:-32100}

# A --filter of the caller narrows both parts; the rest of the options go to dotnet test as they are.
# The cluster part runs one test project at a time (-m:1): tests that kill a node or ZooKeeper of the
# shared cluster wait for the other tests of their project, not for those of another one.
filter="" options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter="$2"; shift 2 ;;
    --filter=*) filter="${1#--filter=}"; shift ;;
    *) options+=("$1"); shift ;;
  esac
done
narrow() { if [ -n "$filter" ]; then echo "($filter)&($1)"; else echo "$1"; fi; }

insights_install_packages chromium poppler-utils fonts-dejavu-core libfontconfig1
insights_start_clickhouse "$DATA/clickhouse" "$CLICKHOUSE_PORT" "$CLICKHOUSE_TCP_PORT" INSIGHTS_TEST_CLICKHOUSE_PORT
insights_start_postgres "$DATA/postgres" "$POSTGRES_PORT" INSIGHTS_TEST_POSTGRES_PORT

export INSIGHTS_TEST_CLICKHOUSE_URL="http://127.0.0.1:$CLICKHOUSE_PORT"
export INSIGHTS_TEST_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=postgres"

# Requests that ended in a 500 are logged here with their exception; shown only when a run fails.
export INSIGHTS_TEST_ERROR_LOG="$PWD/$DATA/server-errors.log"
: >"$INSIGHTS_TEST_ERROR_LOG"

status=0
dotnet test Insights.sln --nologo --filter "$(narrow 'Warehouse!=Cluster')" "${options[@]}" || status=$?

if [ "${INSIGHTS_TEST_CLUSTER:-1}" != "0" ]; then
  insights_log "Cluster tests: starting the local ClickHouse cluster"
  insights_start_cluster "$DATA/cluster" "$CLUSTER_PORT" INSIGHTS_TEST_CLUSTER_PORT
  INSIGHTS_TEST_CLUSTER=1 INSIGHTS_TEST_CLUSTER_PORT="$CLUSTER_PORT" INSIGHTS_TEST_CLUSTER_DIR="$PWD/$DATA/cluster" \
    INSIGHTS_TEST_SERVICES_SCRIPT="$PWD/services.sh" \
    dotnet test Insights.sln --nologo --no-build -m:1 --filter "$(narrow 'Warehouse=Cluster|Warehouse=Both')" "${options[@]}" || status=$?
fi

if [ "$status" -ne 0 ] && [ -s "$INSIGHTS_TEST_ERROR_LOG" ]; then
  insights_log "Unhandled server exceptions during the run ($INSIGHTS_TEST_ERROR_LOG):"
  tail -n 200 "$INSIGHTS_TEST_ERROR_LOG" >&2
fi
exit "$status"
