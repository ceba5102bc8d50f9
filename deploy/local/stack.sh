#!/usr/bin/env bash
# Starts, stops and checks the Docker-free local stack (PostgreSQL 15 + PostGIS + pgRouting, Kafka KRaft) for ECOSAFE_STACK=run|test.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STACK=${ECOSAFE_STACK:-run}
case $STACK in
  run)  pg_port=15432 kafka_port=19092 ctrl_port=19093 ;;
  test) pg_port=25432 kafka_port=29092 ctrl_port=29093 ;;
  *) die "ECOSAFE_STACK must be 'run' or 'test', not '$STACK'" ;;
esac
PG_PORT=${ECOSAFE_PG_PORT:-$pg_port}
KAFKA_PORT=${ECOSAFE_KAFKA_PORT:-$kafka_port}
CTRL_PORT=${ECOSAFE_KAFKA_CONTROLLER_PORT:-$ctrl_port}
TIMEOUT=${ECOSAFE_STACK_TIMEOUT:-60}
PYTHON=${ECOSAFE_PYTHON:-$REPO/.venv/bin/python}
DATABASES=(hazard enforcement risk_map notify)

STATE="$REPO/.local/$STACK"
# PostgreSQL's folder holds data/, sock/ and postgresql.log; it may be a symlink (see pg_prepare), so the
# postgres user is always handed its resolved path.
PG_HOME=$(readlink -f "$STATE/pg" 2>/dev/null || echo "$STATE/pg")
KAFKA_DIR="$STATE/kafka"
KAFKA_CONF="$KAFKA_DIR/server.properties"
KAFKA_PIDFILE="$KAFKA_DIR/kafka.pid"
KAFKA_LOGS="$KAFKA_DIR/logs"

pg_paths() { PG_DATA="$PG_HOME/data" PG_SOCK="$PG_HOME/sock" PG_LOG="$PG_HOME/postgresql.log"; }
pg_paths

# initdb and pg_ctl refuse to run as root.
as_pg() { if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

# Fails with the end of a log, so a failed start explains itself without another command.
fail_with_log() {
  local what=$1; shift
  echo "error: $what" >&2
  for log in "$@"; do
    [[ -s $log ]] || continue
    # Java stack traces push the one line that explains a failure out of a plain tail.
    if grep -qE '^\[.*\] (ERROR|FATAL) |^Caused by' "$log"; then
      echo "--- errors in $log" >&2
      grep -E '^\[.*\] (ERROR|FATAL) |^Caused by' "$log" | tail -n 5 >&2
    fi
    echo "--- last lines of $log" >&2
    tail -n 25 "$log" >&2
  done
  exit 1
}

# Retries a command until it succeeds or the deadline passes: no fixed sleeps.
retry() {
  local deadline=$((SECONDS + TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# ---------------------------------------------------------------- PostgreSQL
psql_admin() { as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres "$@"; }
psql_app() { PGPASSWORD=ecosafe PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PG_PORT" -U ecosafe "$@"; }
pg_running() { [[ -f $PG_DATA/PG_VERSION ]] && as_pg "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; }
pg_answers() { [[ $(psql_app -d hazard -Atc 'select 1' 2>/dev/null) == 1 ]]; }

pg_prepare() {
  mkdir -p "$STATE"
  if [[ -L $STATE/pg && ! -e $STATE/pg ]]; then
    mkdir -p "$(readlink "$STATE/pg")"   # /var/tmp was cleaned under us: recreate the target
  elif [[ ! -e $STATE/pg ]]; then
    # The postgres user must traverse every parent of its data folder; a clone under a 700 home isn't.
    if [[ $EUID -eq 0 ]] && ! (cd / && runuser -u postgres -- test -x "$STATE"); then
      local alt
      alt="/var/tmp/ecosafe-$(printf %s "$REPO" | sha256sum | cut -c1-12)/$STACK/pg"
      mkdir -p "$alt"
      ln -s "$alt" "$STATE/pg"
      echo "postgresql: $STATE is not reachable by the postgres user: data kept in $alt ($STATE/pg links to it)"
    else
      mkdir -p "$STATE/pg"
    fi
  fi
  PG_HOME=$(readlink -f "$STATE/pg")
  pg_paths
  mkdir -p "$PG_SOCK"
  [[ $EUID -ne 0 ]] || chown postgres:postgres "$PG_HOME" "$PG_SOCK"
  chmod 700 "$PG_HOME"   # the socket accepts without password (trust): only postgres and root may reach it
}

pg_start() {
  pg_prepare
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    echo "postgresql: creating cluster in $PG_DATA"
    # Local (socket) connections trust, TCP needs the password: apps see the same auth as elsewhere.
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$PG_HOME/initdb.log" 2>&1 \
      || fail_with_log "initdb failed" "$PG_HOME/initdb.log"
    # Sized for a 2-core test machine running two stacks; fsync stays on so tests see real commit costs.
    cat >>"$PG_DATA/postgresql.conf" <<'EOF'

# --- EcoSafe local stack (deploy/local/stack.sh); port and listen address are given at start
max_connections = 200
shared_buffers = 256MB
fsync = on
timezone = 'UTC'
log_timezone = 'UTC'
EOF
  fi
  if pg_running; then
    echo "postgresql: already running ($PG_DATA)"
  else
    as_pg "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" \
        -o "-p $PG_PORT -k '$PG_SOCK' -c listen_addresses=127.0.0.1" >/dev/null \
      || fail_with_log "postgresql did not start within ${TIMEOUT}s" "$PG_LOG"
    echo "postgresql: started on 127.0.0.1:$PG_PORT"
  fi
  retry "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" \
    || fail_with_log "postgresql not accepting connections on 127.0.0.1:$PG_PORT after ${TIMEOUT}s" "$PG_LOG"
  # Created only when missing, so a restart keeps the data.
  psql_admin -d postgres -v dbs="{$(IFS=,; echo "${DATABASES[*]}")}" <<'SQL' \
    || fail_with_log "creating role/databases failed" "$PG_LOG"
SET client_min_messages = warning;
SELECT 'CREATE ROLE ecosafe LOGIN SUPERUSER PASSWORD ''ecosafe'''
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecosafe') \gexec
SELECT format('CREATE DATABASE %I OWNER ecosafe', d) FROM unnest(:'dbs'::text[]) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SQL
  psql_admin -d risk_map -c 'SET client_min_messages = warning' \
      -c 'CREATE EXTENSION IF NOT EXISTS postgis' -c 'CREATE EXTENSION IF NOT EXISTS pgrouting' \
    || fail_with_log "enabling postgis/pgrouting in risk_map failed" "$PG_LOG"
  retry pg_answers || fail_with_log "psql as ecosafe to 127.0.0.1:$PG_PORT/hazard does not answer 'select 1'" "$PG_LOG"
}

pg_stop() {
  if pg_running; then
    as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t "$TIMEOUT" >/dev/null \
      || fail_with_log "postgresql did not stop within ${TIMEOUT}s" "$PG_LOG"
    echo "postgresql: stopped"
  else
    echo "postgresql: not running"
  fi
}

# ---------------------------------------------------------------- Kafka
kafka_java() {
  java -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.xml" -Dkafka.logs.dir="$KAFKA_LOGS" \
       -cp "$KAFKA_LIBS/*" "$@"
}

# Prints the broker's pid if the pid file points at our broker (a reused pid or a zombie doesn't count).
kafka_pid() {
  [[ -f $KAFKA_PIDFILE ]] || return 1
  local pid; pid=$(<"$KAFKA_PIDFILE")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $KAFKA_CONF" || return 1
  echo "$pid"
}

kafka_probe() { "$PYTHON" "$LOCAL_DIR/kafka_ready.py" --bootstrap "127.0.0.1:$KAFKA_PORT" "$@"; }

# Starts the JVM without waiting, so PostgreSQL comes up while Kafka boots.
kafka_launch() {
  [[ -f $KAFKA_MARKER ]] || die "Kafka $KAFKA_VERSION is not installed: run deploy/local/install.sh"
  "$PYTHON" -c 'import kafka' 2>/dev/null \
    || die "$PYTHON cannot import kafka-python (needed for the readiness probe): run 'make venv' or set ECOSAFE_PYTHON"
  if kafka_pid >/dev/null; then
    echo "kafka: already running (pid $(kafka_pid))"
    return
  fi
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_LOGS"
  # Regenerated on every start so port overrides and template edits take effect.
  sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$CTRL_PORT|g" -e "s|@LOG_DIR@|$KAFKA_DIR/data|g" \
      "$LOCAL_DIR/kafka/server.properties.template" >"$KAFKA_CONF"
  if [[ ! -f $KAFKA_DIR/data/meta.properties ]]; then
    local cluster_id
    cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid) || die "kafka.tools.StorageTool random-uuid failed"
    kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONF" >"$KAFKA_LOGS/format.log" 2>&1 \
      || fail_with_log "formatting Kafka storage failed" "$KAFKA_LOGS/format.log"
    echo "kafka: storage formatted in $KAFKA_DIR/data (cluster id $cluster_id)"
  fi
  # setsid: the broker must outlive this shell and not get its terminal's signals.
  setsid nohup java -Xmx512m -Xms256m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.xml" -Dkafka.logs.dir="$KAFKA_LOGS" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF" >"$KAFKA_LOGS/stdout.log" 2>&1 </dev/null &
  echo $! >"$KAFKA_PIDFILE"
}

kafka_wait() {
  local pid
  pid=$(kafka_pid) || fail_with_log "kafka exited right after start" "$KAFKA_LOGS/stdout.log" "$KAFKA_LOGS/server.log"
  local rc=0
  kafka_probe --timeout "$TIMEOUT" --pid "$pid" >/dev/null || rc=$?
  case $rc in
    0) ;;
    2) fail_with_log "kafka exited during start-up" "$KAFKA_LOGS/stdout.log" "$KAFKA_LOGS/server.log" ;;
    *) fail_with_log "kafka did not answer on 127.0.0.1:$KAFKA_PORT within ${TIMEOUT}s" \
         "$KAFKA_LOGS/stdout.log" "$KAFKA_LOGS/server.log" ;;
  esac
  echo "kafka: answering on 127.0.0.1:$KAFKA_PORT (pid $pid)"
}

kafka_stop() {
  local pid
  if ! pid=$(kafka_pid); then
    echo "kafka: not running"; rm -f "$KAFKA_PIDFILE"; return
  fi
  kill -TERM "$pid"
  # A controlled shutdown flushes logs and takes a few seconds; SIGKILL only if it hangs.
  local deadline=$((SECONDS + TIMEOUT))
  while kafka_pid >/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kafka_pid >/dev/null; then
    echo "kafka: still running after ${TIMEOUT}s, sending SIGKILL" >&2
    kill -KILL "$pid"
    while kafka_pid >/dev/null; do sleep 0.1; done
  fi
  rm -f "$KAFKA_PIDFILE"
  echo "kafka: stopped"
}

# ---------------------------------------------------------------- commands
# A running part keeps the ports it started with; report and use those rather than the ones asked for now.
adopt_running_ports() {
  local port
  if pg_running; then
    port=$(sed -n 4p "$PG_DATA/postmaster.pid")
    [[ $port == "$PG_PORT" ]] || echo "postgresql: already running on port $port, not $PG_PORT (stop it to change ports)"
    PG_PORT=$port
  fi
  if kafka_pid >/dev/null; then
    port=$(sed -n 's|^advertised.listeners=PLAINTEXT://127.0.0.1:\([0-9]*\)$|\1|p' "$KAFKA_CONF")
    [[ $port == "$KAFKA_PORT" ]] || echo "kafka: already running on port $port, not $KAFKA_PORT (stop it to change ports)"
    KAFKA_PORT=$port
  fi
}

# Checked before anything starts, so a taken port leaves no half-started stack behind. Something else
# answering on our port would also make the readiness checks pass against the wrong server.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
preflight() {
  local port
  if ! pg_running; then
    ! port_in_use "$PG_PORT" || die "port $PG_PORT is taken by another program: set ECOSAFE_PG_PORT or stop it"
  fi
  if ! kafka_pid >/dev/null; then
    for port in "$KAFKA_PORT" "$CTRL_PORT"; do
      ! port_in_use "$port" || die "port $port is taken by another program: set ECOSAFE_KAFKA_PORT/ECOSAFE_KAFKA_CONTROLLER_PORT or stop it"
    done
  fi
}

print_urls() {
  cat <<EOF
stack '$STACK' ready (state in $STATE)
  ECOSAFE_DATABASE_URL=postgresql+psycopg://ecosafe:ecosafe@127.0.0.1:$PG_PORT/<$(IFS='|'; echo "${DATABASES[*]}")>
  psql: postgresql://ecosafe:ecosafe@127.0.0.1:$PG_PORT/hazard   (or: ECOSAFE_STACK=$STACK $0 psql hazard)
  ECOSAFE_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
EOF
}

status() {
  local ok=0
  if pg_running; then
    if pg_answers; then echo "postgresql: running, answering on 127.0.0.1:$PG_PORT"
    else echo "postgresql: running but not answering on 127.0.0.1:$PG_PORT"; ok=1; fi
  else
    echo "postgresql: not running"; ok=1
  fi
  local pid
  if pid=$(kafka_pid); then
    if kafka_probe --timeout 5 --pid "$pid" >/dev/null 2>&1; then echo "kafka: running (pid $pid), answering on 127.0.0.1:$KAFKA_PORT"
    else echo "kafka: running (pid $pid) but not answering on 127.0.0.1:$KAFKA_PORT"; ok=1; fi
  else
    echo "kafka: not running"; ok=1
  fi
  return $ok
}

case ${1:-} in
  install) exec "$LOCAL_DIR/install.sh" ;;
  start)
    adopt_running_ports
    preflight
    kafka_launch
    pg_start
    kafka_wait
    print_urls ;;
  stop)
    kafka_stop
    pg_stop ;;
  status) adopt_running_ports; status ;;
  psql)
    shift
    adopt_running_ports >&2
    db=${1:-hazard}; [[ $# -gt 0 ]] && shift
    PGPASSWORD=ecosafe exec "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U ecosafe -d "$db" "$@" ;;
  *) echo "usage: [ECOSAFE_STACK=run|test] $0 {install|start|stop|status|psql [database] [psql args]}" >&2; exit 2 ;;
esac
