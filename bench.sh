#!/usr/bin/env bash
# ./bench.sh <benchmark> [options] — runs a benchmark in Release against its own ClickHouse and
# PostgreSQL (data in .data/bench) and prints its figures. Benchmarks: ingest, metrics, report, load
# and web (options and figures: README.md, docs/performance.md). Ports: INSIGHTS_BENCH_CLICKHOUSE_PORT (48123),
# INSIGHTS_BENCH_CLICKHOUSE_TCP_PORT (49000), INSIGHTS_BENCH_POSTGRES_PORT (45432).
# With --cluster (ingest, metrics) it also starts the local ClickHouse cluster (data in .data/bench/cluster;
# INSIGHTS_BENCH_CLUSTER_PORT, 33100: ZooKeeper there, node n on base+10n+1/+2/+3) and runs the benchmark
# on the single server and then on the cluster, printing both side by side.
set -euo pipefail
cd "$(dirname "$0")"
source ./services.sh

DATA=.data/bench
insights_install_packages fonts-dejavu-core libfontconfig1  # the report benchmark draws PDFs
CLICKHOUSE_PORT=${INSIGHTS_BENCH_CLICKHOUSE_PORT:-48123}
POSTGRES_PORT=${INSIGHTS_BENCH_POSTGRES_PORT:-45432}
insights_start_clickhouse "$DATA/clickhouse" "$CLICKHOUSE_PORT" "${INSIGHTS_BENCH_CLICKHOUSE_TCP_PORT:-49000}" INSIGHTS_BENCH_CLICKHOUSE_PORT
insights_start_postgres "$DATA/postgres" "$POSTGRES_PORT" INSIGHTS_BENCH_POSTGRES_PORT

for arg in "$@"; do
  if [ "$arg" = "--cluster" ]; then
    CLUSTER_PORT=${INSIGHTS_BENCH_CLUSTER_PORT:-33100}
    insights_start_cluster "$DATA/cluster" "$CLUSTER_PORT" INSIGHTS_BENCH_CLUSTER_PORT
    export INSIGHTS_BENCH_CLUSTER_URL="http://127.0.0.1:$(insights_cluster_http_port "$CLUSTER_PORT" 1)"
    export INSIGHTS_BENCH_CLUSTER_NAME="$INSIGHTS_CLUSTER_NAME"
  fi
done

dotnet build src/Insights.Server -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build tests/Insights.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly

export INSIGHTS_BENCH_CLICKHOUSE_URL="http://127.0.0.1:$CLICKHOUSE_PORT"
export INSIGHTS_BENCH_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=postgres"
export INSIGHTS_BENCH_SERVER_DLL="$PWD/src/Insights.Server/bin/Release/net10.0/Insights.Server.dll"
export INSIGHTS_BENCH_DATA="$PWD/$DATA"
exec dotnet tests/Insights.Benchmarks/bin/Release/net10.0/Insights.Benchmarks.dll "$@"
