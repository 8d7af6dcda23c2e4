#!/usr/bin/env bash
# Throwaway local services for tests, on the loopback interface only.
#
#   scripts/services.sh up postgres     install (Debian's postgresql, when missing), start, wait, print its env line
#   scripts/services.sh down postgres   stop it (its data directory stays for the next `up`)
#   scripts/services.sh env [postgres]  print `export NAME=value` lines for `eval`
#
# Idempotent: `up` on a running service only prints its env line. Data lives under
# ${EVNORM_SERVICES_DIR:-${TMPDIR:-/tmp}/evnorm-services}/<service>. Progress goes to stderr, env lines to stdout.
set -euo pipefail

SERVICES="postgres"
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

# Runs a command as the non-root server user (PostgreSQL refuses to run as root).
as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PG_SYSTEM_USER" -- "$@"
  else
    "$@"
  fi
}

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
