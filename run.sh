#!/usr/bin/env bash
# ./run.sh       — installs what is missing, starts ClickHouse and PostgreSQL (data in .data/demo),
#                  loads the demo organisation and serves Platform Insights on http://127.0.0.1:5080
#                  (the web app at /: sign in with the admin key it prints).
#                  Ctrl-C stops the server; the databases keep running for a quick re-run.
# ./run.sh --cluster — the same against a local ClickHouse cluster instead of one server: ZooKeeper and
#                  three ClickHouse servers (two shards, the first with two replicas; data in .data/demo/cluster),
#                  served with ClickHouse:Cluster=insights through node 1 (docs/operations.md, "Scaling").
# ./run.sh stop  — stops the demo's databases (the single server, the cluster, PostgreSQL).
# Honours ASPNETCORE_URLS and INSIGHTS_ADMIN_KEY (else a key is generated once into .data/admin-key),
# and INSIGHTS_CLICKHOUSE_PORT (28123), INSIGHTS_CLICKHOUSE_TCP_PORT (29000), INSIGHTS_POSTGRES_PORT (25432),
# INSIGHTS_CLUSTER_PORT (31100: ZooKeeper there, ClickHouse node n on HTTP/TCP/interserver base+10n+1/+2/+3).
set -euo pipefail
cd "$(dirname "$0")"
source ./services.sh

DATA=.data/demo
CLICKHOUSE_PORT=${INSIGHTS_CLICKHOUSE_PORT:-28123}
CLICKHOUSE_TCP_PORT=${INSIGHTS_CLICKHOUSE_TCP_PORT:-29000}
POSTGRES_PORT=${INSIGHTS_POSTGRES_PORT:-25432}
CLUSTER_PORT=${INSIGHTS_CLUSTER_PORT:-31100}

case "${1:-}" in
  stop)
    insights_stop_clickhouse "$DATA/clickhouse"
    insights_stop_cluster "$DATA/cluster"
    insights_stop_postgres "$DATA/postgres"
    exit 0 ;;
  --cluster) CLUSTER=$INSIGHTS_CLUSTER_NAME ;;
  "") CLUSTER="" ;;
  *) echo "usage: ./run.sh [--cluster | stop]" >&2; exit 2 ;;
esac

insights_install_packages fonts-dejavu-core libfontconfig1  # the weekly PDF: its font, and what SkiaSharp loads
if [ -n "$CLUSTER" ]; then
  insights_start_cluster "$DATA/cluster" "$CLUSTER_PORT" INSIGHTS_CLUSTER_PORT
  CLICKHOUSE_PORT=$(insights_cluster_http_port "$CLUSTER_PORT" 1)
else
  insights_start_clickhouse "$DATA/clickhouse" "$CLICKHOUSE_PORT" "$CLICKHOUSE_TCP_PORT" INSIGHTS_CLICKHOUSE_PORT
fi
insights_start_postgres "$DATA/postgres" "$POSTGRES_PORT" INSIGHTS_POSTGRES_PORT
insights_create_database "$POSTGRES_PORT" insights

if [ -z "${INSIGHTS_ADMIN_KEY:-}" ]; then
  if [ ! -s .data/admin-key ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '=+/\n' >.data/admin-key)
  fi
  INSIGHTS_ADMIN_KEY="$(cat .data/admin-key)"
  export INSIGHTS_ADMIN_KEY
  insights_log "Admin API key (stored in .data/admin-key): $INSIGHTS_ADMIN_KEY"
  SIGN_IN_WITH="the admin API key $INSIGHTS_ADMIN_KEY (kept in .data/admin-key)"
else
  SIGN_IN_WITH="the admin API key you set in INSIGHTS_ADMIN_KEY"
fi

insights_log "Building the server"
dotnet build src/Insights.Server -c Release --nologo -v quiet -clp:ErrorsOnly

export ClickHouse__Url="http://127.0.0.1:$CLICKHOUSE_PORT"
export ClickHouse__Database=insights
export ClickHouse__Cluster="$CLUSTER"
export Postgres__ConnectionString="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=insights"
# Its own spool per warehouse: what one accepted is never drained into the other.
export Spool__Path="$PWD/$DATA/spool${CLUSTER:+-cluster}"
export Demo__Load=true
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export INSIGHTS_CONFIG="${INSIGHTS_CONFIG:-$PWD/insights.example.yaml}"

insights_log "Serving on $ASPNETCORE_URLS (the demo loads first; Ctrl-C stops)"
insights_log "Open ${ASPNETCORE_URLS%%;*} in a browser and sign in with ${SIGN_IN_WITH}"
exec dotnet src/Insights.Server/bin/Release/net10.0/Insights.Server.dll
