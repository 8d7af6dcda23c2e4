#!/usr/bin/env bash
# Throwaway local services for tests, on the loopback interface only.
#
#   scripts/services.sh up SERVICE      install (Debian's package, when missing), start, wait, print its env line
#   scripts/services.sh down SERVICE    stop it (its data directory stays for the next `up`)
#   scripts/services.sh env [SERVICE]   print `export NAME=value` lines for `eval` (default: every service)
#
# Services: postgres (EVNORM_PG_URL) and rabbitmq (EVNORM_AMQP_URL; its Erlang distribution
# port and epmd listen on loopback too, and it runs no plugins).
#
# Idempotent: `up` on a running service only prints its env line. Data lives under
# ${EVNORM_SERVICES_DIR:-${TMPDIR:-/tmp}/evnorm-services}/<service>. Progress goes to stderr, env lines to stdout.
set -euo pipefail

SERVICES="postgres rabbitmq"
STATE_DIR="${EVNORM_SERVICES_DIR:-${TMPDIR:-/tmp}/evnorm-services}"

PG_HOST=127.0.0.1
PG_PORT=54329
PG_USER=evnorm
PG_PASSWORD=evnorm
PG_DB=evnorm
PG_DIR="$STATE_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/server.log"
PG_SYSTEM_USER=postgres

RMQ_HOST=127.0.0.1
RMQ_PORT=5679
RMQ_DIST_PORT=25679
RMQ_USER=evnorm
RMQ_PASSWORD=evnorm
RMQ_NODENAME=evnorm@localhost
RMQ_DIR="$STATE_DIR/rabbitmq"
RMQ_SYSTEM_USER=rabbitmq
RMQ_BIN=/usr/lib/rabbitmq/bin

say() { echo "services: $*" >&2; }
die() {
  say "$*"
  exit 1
}

postgres_env() { echo "EVNORM_PG_URL=postgres://$PG_USER:$PG_PASSWORD@$PG_HOST:$PG_PORT/$PG_DB"; }

postgres_bin() {
  local dirs
  dirs=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V) || true
  [ -n "$dirs" ] && [ -x "$(tail -n1 <<<"$dirs")/initdb" ] && tail -n1 <<<"$dirs"
}

# Runs a command as a non-root server user (PostgreSQL refuses to run as root).
as_user() {
  local user="$1"
  shift
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

as_server_user() { as_user "$PG_SYSTEM_USER" "$@"; }

postgres_install() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
  say "installing Debian's postgresql package"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
}

postgres_ready() { "$1/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" -d "$PG_DB" -U "$PG_USER"; }

postgres_init() {
  local bin="$1" pwfile
  say "creating a cluster in $PG_DATA"
  if [ "$(id -u)" = 0 ] && ! id "$PG_SYSTEM_USER" >/dev/null 2>&1; then
    useradd --system --home-dir "$PG_DIR" --shell /usr/sbin/nologin "$PG_SYSTEM_USER"
  fi
  rm -rf "$PG_DATA"
  mkdir -p "$PG_DIR"
  chmod 755 "$STATE_DIR"
  pwfile="$PG_DIR/pwfile"
  echo "$PG_PASSWORD" >"$pwfile"
  [ "$(id -u)" = 0 ] && chown -R "$PG_SYSTEM_USER" "$PG_DIR"
  as_server_user test -w "$PG_DIR" ||
    die "user $PG_SYSTEM_USER cannot write $PG_DIR: set EVNORM_SERVICES_DIR to a directory it can reach"
  as_server_user "$bin/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
EOF
}

postgres_up() {
  local bin
  bin=$(postgres_bin) || true
  if [ -z "$bin" ]; then
    postgres_install
    bin=$(postgres_bin) || die "no server binaries under /usr/lib/postgresql/*/bin after installing postgresql"
  fi
  if ! postgres_ready "$bin"; then
    [ -f "$PG_DATA/PG_VERSION" ] || postgres_init "$bin"
    say "starting PostgreSQL $(basename "$(dirname "$bin")") on $PG_HOST:$PG_PORT"
    as_server_user "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >&2 || {
      tail -n 20 "$PG_LOG" >&2 || true
      die "PostgreSQL did not start (log: $PG_LOG)"
    }
  fi
  export PGPASSWORD="$PG_PASSWORD"
  local exists
  exists=$("$bin/psql" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAqc \
    "select 1 from pg_database where datname = '$PG_DB'")
  [ "$exists" = 1 ] || "$bin/createdb" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DB"
  postgres_env
}

postgres_down() {
  local bin
  bin=$(postgres_bin) || true
  if [ -n "$bin" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    say "stopping PostgreSQL on $PG_HOST:$PG_PORT"
    as_server_user "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >&2 || true
  fi
}

rabbitmq_env() { echo "EVNORM_AMQP_URL=amqp://$RMQ_USER:$RMQ_PASSWORD@$RMQ_HOST:$RMQ_PORT"; }

rabbitmq_ready() { (exec 3<>"/dev/tcp/$RMQ_HOST/$RMQ_PORT") 2>/dev/null; }

# Runs a RabbitMQ script as the server user, with the node's name, ports, files and cookie.
rabbitmq_run() {
  local script="$1"
  shift
  as_user "$RMQ_SYSTEM_USER" env HOME="$RMQ_DIR" \
    RABBITMQ_NODENAME="$RMQ_NODENAME" \
    RABBITMQ_NODE_IP_ADDRESS="$RMQ_HOST" RABBITMQ_NODE_PORT="$RMQ_PORT" \
    RABBITMQ_DIST_PORT="$RMQ_DIST_PORT" ERL_EPMD_ADDRESS="$RMQ_HOST" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia" RABBITMQ_LOG_BASE="$RMQ_DIR/log" \
    RABBITMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid" RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf" \
    "$RMQ_BIN/$script" "$@"
}

rabbitmq_install() {
  [ "$(id -u)" = 0 ] || die "RabbitMQ is not installed and installing it needs root (apt-get install rabbitmq-server)"
  say "installing Debian's rabbitmq-server package"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server >&2
}

rabbitmq_init() {
  say "creating a RabbitMQ node in $RMQ_DIR"
  mkdir -p "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
  chmod 755 "$STATE_DIR"
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
listeners.tcp.1 = $RMQ_HOST:$RMQ_PORT
default_user = $RMQ_USER
default_pass = $RMQ_PASSWORD
loopback_users = none
EOF
  echo '[].' >"$RMQ_DIR/enabled_plugins"
  echo '[].' >"$RMQ_DIR/advanced.config"
  : >"$RMQ_DIR/rabbitmq-env.conf"
  [ "$(id -u)" = 0 ] && chown -R "$RMQ_SYSTEM_USER" "$RMQ_DIR"
  as_user "$RMQ_SYSTEM_USER" test -w "$RMQ_DIR" ||
    die "user $RMQ_SYSTEM_USER cannot write $RMQ_DIR: set EVNORM_SERVICES_DIR to a directory it can reach"
}

rabbitmq_up() {
  [ -x "$RMQ_BIN/rabbitmq-server" ] || rabbitmq_install
  [ -x "$RMQ_BIN/rabbitmq-server" ] || die "no $RMQ_BIN/rabbitmq-server after installing rabbitmq-server"
  if ! rabbitmq_ready; then
    [ -f "$RMQ_DIR/rabbitmq.conf" ] || rabbitmq_init
    say "starting RabbitMQ on $RMQ_HOST:$RMQ_PORT (node $RMQ_NODENAME)"
    rabbitmq_run rabbitmq-server >>"$RMQ_DIR/log/console.log" 2>&1 </dev/null &
    local server=$! waited=0
    until rabbitmq_ready; do
      if ! kill -0 "$server" 2>/dev/null || [ "$waited" -ge 240 ]; then
        tail -n 20 "$RMQ_DIR/log/console.log" >&2 || true
        die "RabbitMQ did not start (log: $RMQ_DIR/log)"
      fi
      sleep 0.5
      waited=$((waited + 1))
    done
  fi
  rabbitmq_env
}

rabbitmq_down() {
  if rabbitmq_ready; then
    say "stopping RabbitMQ on $RMQ_HOST:$RMQ_PORT"
    rabbitmq_run rabbitmqctl -q stop >&2 || true
  fi
}

usage() { die "usage: $0 up|down SERVICE | env [SERVICE]   (services: $SERVICES)"; }

run() {
  local command="$1" service="$2"
  case "$service" in
  postgres)
    case "$command" in
    up) postgres_up ;;
    down) postgres_down ;;
    env) echo "export $(postgres_env)" ;;
    *) usage ;;
    esac
    ;;
  rabbitmq)
    case "$command" in
    up) rabbitmq_up ;;
    down) rabbitmq_down ;;
    env) echo "export $(rabbitmq_env)" ;;
    *) usage ;;
    esac
    ;;
  *) die "unknown service '$service' (services: $SERVICES)" ;;
  esac
}

[ $# -ge 1 ] || usage
case "$1" in
up | down)
  [ $# -eq 2 ] || usage
  run "$1" "$2"
  ;;
env)
  [ $# -le 2 ] || usage
  for service in ${2:-$SERVICES}; do run env "$service"; done
  ;;
*) usage ;;
esac
