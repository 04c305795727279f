#!/usr/bin/env bash
# Shared by run.sh, test.sh and bench.sh: installs and starts ClickHouse and PostgreSQL as local
# processes (no Docker) with their data under .data/. Source it; do not run it.
# Facts behind it: docs/development.md (which package provides what, and why no Docker).

INSIGHTS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

insights_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

insights_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# insights_install_packages [extra debian packages…] — installs only what is missing.
insights_install_packages() {
  local wanted=() missing=() pkg
  command -v clickhouse-server >/dev/null 2>&1 || wanted+=(clickhouse-server clickhouse-client)
  [ -x "$PG_BIN/postgres" ] || wanted+=(postgresql)
  wanted+=("$@")
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  insights_log "Installing ${missing[*]} (Debian packages)"
  insights_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  insights_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the packaged services on their default ports; we run our own instances instead.
  if command -v service >/dev/null 2>&1; then
    insights_as_root service clickhouse-server stop >/dev/null 2>&1 || true
  fi
}

_insights_wait() { # _insights_wait SECONDS DESCRIPTION COMMAND…
  local seconds=$1 what=$2; shift 2
  local i
  for ((i = 0; i < seconds * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "error: $what did not come up within ${seconds}s" >&2
  return 1
}

# _insights_owns PIDFILE NEEDLE — whether the process in PIDFILE is alive and its command line holds NEEDLE
# (our own config or data folder): a server that answers on our port but is not ours is never reused.
_insights_owns() {
  local pid
  [ -f "$1" ] || return 1
  pid="$(head -n 1 "$1" 2>/dev/null)"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2"
}

# insights_start_clickhouse DIR HTTP_PORT TCP_PORT PORT_VARIABLE
# A ClickHouse already answering on HTTP_PORT is reused only when it is the one of DIR; another one
# (a second checkout's, a system service) is refused with the variable that moves this one elsewhere.
# INSIGHTS_CLICKHOUSE_EXTRA_CONFIG names a file whose XML goes into the config (a cluster node's part);
# such a node shares the machine with two others and ZooKeeper, so its caches and pools are smaller.
insights_start_clickhouse() {
  local dir http_port=$2 tcp_port=$3 variable=${4:-} extra="" mark_cache=1073741824 query_memory=8000000000 pool=16
  if [ -n "${INSIGHTS_CLICKHOUSE_EXTRA_CONFIG:-}" ]; then
    extra="$(cat "$INSIGHTS_CLICKHOUSE_EXTRA_CONFIG")" mark_cache=268435456 query_memory=4000000000 pool=4
  fi
  mkdir -p "$1" && dir="$(cd "$1" && pwd)"
  if curl -fsS "http://127.0.0.1:$http_port/ping" >/dev/null 2>&1; then
    _insights_owns "$dir/clickhouse.pid" "$dir/config.xml" && return 0
    echo "error: a ClickHouse that is not the one of $dir answers on port $http_port (another checkout's, or a" \
      "system service). Stop it, or choose free ports${variable:+ with $variable}." >&2
    return 1
  fi
  # TRICKY: this folder's server running on another port must not be started twice: the second one
  # would rewrite the config and the pid file, and the first would then be refused as a stranger.
  if _insights_owns "$dir/clickhouse.pid" "$dir/config.xml"; then
    echo "error: the ClickHouse of $dir already runs (pid $(head -n 1 "$dir/clickhouse.pid")) on another port" \
      "($(sed -n 's:.*<http_port>\(.*\)</http_port>.*:\1:p' "$dir/config.xml")). Stop it, or use its port${variable:+ with $variable}." >&2
    return 1
  fi
  mkdir -p "$dir/data" "$dir/tmp" "$dir/log" "$dir/format_schemas"
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<!-- Written by services.sh; a ClickHouse 18.16 server for this project only, on loopback. -->
<yandex>
  <logger>
    <level>warning</level>
    <log>$dir/log/clickhouse-server.log</log>
    <errorlog>$dir/log/clickhouse-server.err.log</errorlog>
    <size>100M</size>
    <count>3</count>
  </logger>
  <http_port>$http_port</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>$mark_cache</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>200</max_concurrent_queries>
  <timezone>UTC</timezone>
$extra
</yandex>
XML
  cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>$query_memory</max_memory_usage>
      <background_pool_size>$pool</background_pool_size>
      <load_balancing>random</load_balancing>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default>
      <interval>
        <duration>3600</duration>
        <queries>0</queries><errors>0</errors><result_rows>0</result_rows>
        <read_rows>0</read_rows><execution_time>0</execution_time>
      </interval>
    </default>
  </quotas>
</yandex>
XML
  insights_log "Starting ClickHouse on 127.0.0.1:$http_port (data in $dir)"
  # A plain background command with every stream redirected: nothing may hold the caller's pipes.
  (cd "$dir" || exit 1
    nohup clickhouse-server --config-file="$dir/config.xml" </dev/null >"$dir/log/stdout.log" 2>&1 &
    echo $! >"$dir/clickhouse.pid")
  _insights_wait "${INSIGHTS_CLICKHOUSE_START_WAIT:-60}" "ClickHouse on port $http_port" curl -fsS "http://127.0.0.1:$http_port/ping"
}

# insights_stop_clickhouse DIR
insights_stop_clickhouse() {
  local pidfile="$1/clickhouse.pid"
  [ -f "$pidfile" ] || return 0
  kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

# insights_start_postgres DIR PORT PORT_VARIABLE — PostgreSQL refuses to run as root, so as root it runs
# as 'postgres'. As with ClickHouse, a server on PORT that is not the one of DIR is refused.
insights_start_postgres() {
  local dir port=$2 variable=${3:-} runas=()
  mkdir -p "$1" && dir="$(cd "$1" && pwd)"
  if [ "$(id -u)" -eq 0 ]; then
    runas=(runuser -u postgres --)
    # The cluster must be reachable by the postgres user; a private parent folder (mktemp -d is 0700)
    # is not, so the cluster then lives in /var/tmp and .data links to it.
    if ! runuser -u postgres -- test -x "$dir"; then
      local outside="/var/tmp/insights-postgres-$(printf '%s' "$dir" | md5sum | cut -c1-12)"
      mkdir -p "$outside" && chown postgres:postgres "$outside"
      if [ ! -L "$dir/cluster" ]; then rm -rf "$dir/cluster"; ln -s "$outside" "$dir/cluster"; fi
      dir="$outside"
    else
      mkdir -p "$dir/cluster" && chown postgres:postgres "$dir" "$dir/cluster"
      dir="$dir/cluster"
    fi
  else
    mkdir -p "$dir/cluster" && dir="$dir/cluster"
  fi
  if "${runas[@]}" "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
    # postmaster.pid: line 1 the server's pid, line 4 its port.
    if _insights_owns "$dir/data/postmaster.pid" "$dir/data" && [ "$(sed -n 4p "$dir/data/postmaster.pid")" = "$port" ]; then
      return 0
    fi
    echo "error: a PostgreSQL that is not the one of $dir answers on port $port (another checkout's, or a" \
      "system service). Stop it, or choose a free port${variable:+ with $variable}." >&2
    return 1
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    insights_log "Creating a PostgreSQL cluster in $dir"
    "${runas[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  mkdir -p "$dir/socket"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir/socket"
  insights_log "Starting PostgreSQL on 127.0.0.1:$port"
  # All output goes to files: the server must not hold the caller's stdout/stderr (pipes would never close).
  if ! "${runas[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c max_connections=300" start >"$dir/pg_ctl.out" 2>&1; then
    cat "$dir/pg_ctl.out" "$dir/postgres.log" >&2
    return 1
  fi
}

# insights_stop_postgres DIR
insights_stop_postgres() {
  # Resolved first: a cluster linked from a private folder (see above) is reachable by postgres only by its own path.
  local dir runas=()
  dir="$(readlink -f "$1/cluster")" || return 0
  [ -d "$dir/data" ] || return 0
  [ "$(id -u)" -eq 0 ] && runas=(runuser -u postgres --)
  "${runas[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
}

# insights_create_database PORT NAME — creates a PostgreSQL database unless it exists.
insights_create_database() {
  local port=$1 name=$2
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

# ---- The local cluster (./run.sh --cluster, ./test.sh's cluster tests, ./bench.sh … --cluster) ----
# Two shards, the first with two replicas: three ClickHouse servers named node1 (shard 1), node2
# (shard 1) and node3 (shard 2) in the remote_servers entry 'insights', coordinated by one ZooKeeper.
# Ports from one base B: ZooKeeper B; node n: HTTP B+10n+1, TCP B+10n+2, interserver HTTP B+10n+3.
INSIGHTS_CLUSTER_NAME=insights

insights_cluster_http_port() { echo $(($1 + 10 * $2 + 1)); } # BASE NODE
insights_cluster_tcp_port() { echo $(($1 + 10 * $2 + 2)); }
insights_cluster_interserver_port() { echo $(($1 + 10 * $2 + 3)); }

# insights_start_zookeeper DIR PORT PORT_VARIABLE — Debian's zookeeper as a standalone local process.
insights_start_zookeeper() {
  local dir port=$2 variable=${3:-}
  mkdir -p "$1" && dir="$(cd "$1" && pwd)"
  if _insights_zookeeper_ok "$port"; then
    _insights_owns "$dir/zookeeper.pid" "$dir/zoo.cfg" && return 0
    echo "error: a ZooKeeper that is not the one of $dir answers on port $port. Stop it, or choose free ports${variable:+ with $variable}." >&2
    return 1
  fi
  mkdir -p "$dir/data" "$dir/log"
  cat >"$dir/zoo.cfg" <<CFG
# Written by services.sh; a standalone ZooKeeper for this project's local ClickHouse cluster.
tickTime=2000
dataDir=$dir/data
clientPort=$port
clientPortAddress=127.0.0.1
maxClientCnxns=200
4lw.commands.whitelist=ruok,stat
admin.enableServer=false
autopurge.snapRetainCount=3
autopurge.purgeInterval=1
CFG
  insights_log "Starting ZooKeeper on 127.0.0.1:$port (data in $dir)"
  (cd "$dir" || exit 1
    nohup java -Xms64m -Xmx256m -XX:+UseSerialGC -Dzookeeper.log.dir="$dir/log" \
      -cp "/etc/zookeeper/conf:/usr/share/java/zookeeper.jar" \
      org.apache.zookeeper.server.ZooKeeperServerMain "$dir/zoo.cfg" </dev/null >"$dir/log/stdout.log" 2>&1 &
    echo $! >"$dir/zookeeper.pid")
  _insights_wait 60 "ZooKeeper on port $port" _insights_zookeeper_ok "$port"
}

_insights_zookeeper_ok() { # serving sessions: 'stat' names its mode ('ruok' says imok before it serves)
  local answer
  answer="$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf stat >&3 && timeout 2 cat <&3) 2>/dev/null)"
  [[ "$answer" == *"Mode: "* ]]
}

# insights_stop_zookeeper DIR
insights_stop_zookeeper() { _insights_stop_and_wait "$1/zookeeper.pid"; }

# _insights_stop_and_wait PIDFILE — SIGTERM, then waits (30 s, then SIGKILL) until the process is gone,
# so that a start right after finds its port free.
_insights_stop_and_wait() {
  local pid i
  [ -f "$1" ] || return 0
  pid="$(cat "$1")"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    [ -d "/proc/$pid" ] && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null || break
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
}

# insights_start_cluster DIR BASE PORT_VARIABLE — ZooKeeper plus the three ClickHouse servers.
insights_start_cluster() {
  local dir base=$2 variable=${3:-} node
  command -v java >/dev/null 2>&1 && [ -f /usr/share/java/zookeeper.jar ] || insights_install_packages zookeeper
  mkdir -p "$1" && dir="$(cd "$1" && pwd)"
  insights_start_zookeeper "$dir/zookeeper" "$base" "$variable"
  for node in 1 2 3; do
    _insights_cluster_config "$dir/node$node" "$base" "$node"
    # TRICKY: an 18.16 node exits at start-up when its first ZooKeeper handshake fails (it loads its
    # replicated tables then), which happens on a loaded machine: a second try follows.
    INSIGHTS_CLICKHOUSE_EXTRA_CONFIG="$dir/node$node/cluster.xml" INSIGHTS_CLICKHOUSE_START_WAIT=180 \
      insights_start_clickhouse "$dir/node$node" "$(insights_cluster_http_port "$base" "$node")" \
      "$(insights_cluster_tcp_port "$base" "$node")" "$variable" ||
      { [ ! -d "/proc/$(cat "$dir/node$node/clickhouse.pid" 2>/dev/null)" ] && insights_log "node$node exited; starting it again" &&
      INSIGHTS_CLICKHOUSE_EXTRA_CONFIG="$dir/node$node/cluster.xml" INSIGHTS_CLICKHOUSE_START_WAIT=180 \
        insights_start_clickhouse "$dir/node$node" "$(insights_cluster_http_port "$base" "$node")" \
        "$(insights_cluster_tcp_port "$base" "$node")" "$variable"; }
  done
}

# insights_stop_cluster DIR
insights_stop_cluster() {
  local node
  for node in 1 2 3; do _insights_stop_and_wait "$1/node$node/clickhouse.pid"; done
  insights_stop_zookeeper "$1/zookeeper"
}

# _insights_cluster_config NODE_DIR BASE NODE — the cluster part of a node's config: remote_servers,
# ZooKeeper, its macros (shard, replica) and the interserver port replicas fetch parts from.
_insights_cluster_config() {
  local dir=$1 base=$2 node=$3 shard replica
  mkdir -p "$dir"
  if [ "$node" -le 2 ]; then shard=01; else shard=02; fi
  replica="node$node"
  cat >"$dir/cluster.xml" <<XML
  <remote_servers>
    <$INSIGHTS_CLUSTER_NAME>
      <shard>
        <internal_replication>true</internal_replication>
        <replica><host>127.0.0.1</host><port>$(insights_cluster_tcp_port "$base" 1)</port></replica>
        <replica><host>127.0.0.1</host><port>$(insights_cluster_tcp_port "$base" 2)</port></replica>
      </shard>
      <shard>
        <internal_replication>true</internal_replication>
        <replica><host>127.0.0.1</host><port>$(insights_cluster_tcp_port "$base" 3)</port></replica>
      </shard>
    </$INSIGHTS_CLUSTER_NAME>
  </remote_servers>
  <zookeeper>
    <node><host>127.0.0.1</host><port>$base</port></node>
    <session_timeout_ms>10000</session_timeout_ms>
  </zookeeper>
  <macros><shard>$shard</shard><replica>$replica</replica></macros>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
  <!-- Back in business a few seconds after ZooKeeper returns, not a minute. -->
  <merge_tree><zookeeper_session_expiration_check_period>5</zookeeper_session_expiration_check_period></merge_tree>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <interserver_http_port>$(insights_cluster_interserver_port "$base" "$node")</interserver_http_port>
XML
}
