#!/usr/bin/env bash
# ./test.sh [dotnet test options] — starts a ClickHouse and a PostgreSQL for the tests (their own
# ports and data in .data/test, so a running demo is untouched), then runs every test.
set -euo pipefail
cd "$(dirname "$0")"
source ./services.sh

DATA=.data/test
CLICKHOUSE_PORT=38123
POSTGRES_PORT=35432

insights_install_packages chromium poppler-utils fonts-dejavu-core libfontconfig1
insights_start_clickhouse "$DATA/clickhouse" "$CLICKHOUSE_PORT" 39000
insights_start_postgres "$DATA/postgres" "$POSTGRES_PORT"

export INSIGHTS_TEST_CLICKHOUSE_URL="http://127.0.0.1:$CLICKHOUSE_PORT"
export INSIGHTS_TEST_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=postgres"

dotnet test Insights.sln --nologo "$@"
