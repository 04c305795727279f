#!/usr/bin/env bash
# ./bench.sh <benchmark> [options] — runs a benchmark in Release against its own ClickHouse and
# PostgreSQL (data in .data/bench) and prints its figures. Benchmarks: ingest, metrics, report, load
# (options and figures: README.md, docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")"
source ./services.sh

DATA=.data/bench
insights_install_packages fonts-dejavu-core libfontconfig1  # the report benchmark draws PDFs
insights_start_clickhouse "$DATA/clickhouse" 48123 49000
insights_start_postgres "$DATA/postgres" 45432

dotnet build src/Insights.Server -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build tests/Insights.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly

export INSIGHTS_BENCH_CLICKHOUSE_URL=http://127.0.0.1:48123
export INSIGHTS_BENCH_POSTGRES="Host=127.0.0.1;Port=45432;Username=postgres;Database=postgres"
export INSIGHTS_BENCH_SERVER_DLL="$PWD/src/Insights.Server/bin/Release/net10.0/Insights.Server.dll"
export INSIGHTS_BENCH_DATA="$PWD/$DATA"
exec dotnet tests/Insights.Benchmarks/bin/Release/net10.0/Insights.Benchmarks.dll "$@"
