#!/usr/bin/env bash
# ./test.sh [dotnet test options] — starts a ClickHouse and a PostgreSQL for the tests (their own
# ports and data in .data/test, so a running demo is untouched), then runs every test.
# Ports: INSIGHTS_TEST_CLICKHOUSE_PORT (38123), INSIGHTS_TEST_CLICKHOUSE_TCP_PORT (39000),
# INSIGHTS_TEST_POSTGRES_PORT (35432); a database on them that belongs to another folder is refused.
set -euo pipefail
cd "$(dirname "$0")"
source ./services.sh

DATA=.data/test
CLICKHOUSE_PORT=${INSIGHTS_TEST_CLICKHOUSE_PORT:-38123}
CLICKHOUSE_TCP_PORT=${INSIGHTS_TEST_CLICKHOUSE_TCP_PORT:-39000}
POSTGRES_PORT=${INSIGHTS_TEST_POSTGRES_PORT:-35432}

insights_install_packages chromium poppler-utils fonts-dejavu-core libfontconfig1
insights_start_clickhouse "$DATA/clickhouse" "$CLICKHOUSE_PORT" "$CLICKHOUSE_TCP_PORT" INSIGHTS_TEST_CLICKHOUSE_PORT
insights_start_postgres "$DATA/postgres" "$POSTGRES_PORT" INSIGHTS_TEST_POSTGRES_PORT

export INSIGHTS_TEST_CLICKHOUSE_URL="http://127.0.0.1:$CLICKHOUSE_PORT"
export INSIGHTS_TEST_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=postgres"

# Requests that ended in a 500 are logged here with their exception; shown only when a run fails.
export INSIGHTS_TEST_ERROR_LOG="$PWD/$DATA/server-errors.log"
: >"$INSIGHTS_TEST_ERROR_LOG"

status=0
dotnet test Insights.sln --nologo "$@" || status=$?
if [ "$status" -ne 0 ] && [ -s "$INSIGHTS_TEST_ERROR_LOG" ]; then
  insights_log "Unhandled server exceptions during the run ($INSIGHTS_TEST_ERROR_LOG):"
  tail -n 200 "$INSIGHTS_TEST_ERROR_LOG" >&2
fi
exit "$status"
