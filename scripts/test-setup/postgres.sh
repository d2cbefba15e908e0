#!/usr/bin/env bash
# Makes a PostgreSQL server available on 127.0.0.1 for the storage tests and exports its connection string
# as KALSHI_TEST_POSTGRES into scripts/test-setup/.env-out (test.sh sources that file).
# Installs PostgreSQL with apt when missing, starts a cluster without systemd, creates the test role and
# database. Idempotent and quick when the server already runs. Under CI=true any failure is fatal;
# otherwise it warns and the PostgreSQL tests skip.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
env_out="$here/.env-out"
role=kalshi_test
db=kalshi_test
password=kalshi_test

fail() {
  echo "postgres.sh: $*" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "postgres.sh: continuing without PostgreSQL; the PostgreSQL tests will skip" >&2
  exit 0
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    sudo -n -u postgres "$@"
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    fail "PostgreSQL is not installed and this is not a root Debian machine with apt-get"
  fi
  echo "postgres.sh: installing PostgreSQL with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || fail "apt-get update failed"
  apt-get install -y -qq postgresql >/dev/null || fail "apt-get install postgresql failed"
fi

bin="$(pg_bin)"
[ -n "$bin" ] || fail "no PostgreSQL binaries under /usr/lib/postgresql after install"
version="$(basename "$(dirname "$bin")")"

if command -v pg_lsclusters >/dev/null 2>&1; then
  # Debian's wrappers: create the cluster if there is none, then start it (works without systemd).
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    pg_createcluster "$version" main >/dev/null 2>&1 || fail "pg_createcluster $version main failed"
  fi
  port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
  status="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}')"
  if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" main start >/dev/null 2>&1 || fail "pg_ctlcluster $version main start failed (see /var/log/postgresql/)"
  fi
else
  # No Debian wrappers: a private data directory driven by pg_ctl.
  data="${KALSHI_PG_DATA:-/var/tmp/kalshi-pg}"
  port="${KALSHI_PG_PORT:-5432}"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data" && chown postgres "$data" 2>/dev/null
    as_postgres "$bin/initdb" -D "$data" -A trust >/dev/null || fail "initdb failed"
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "-c listen_addresses=127.0.0.1 -p $port" -w start >/dev/null \
      || fail "pg_ctl start failed (see $data/server.log)"
  fi
fi

for _ in $(seq 1 30); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || fail "server on 127.0.0.1:$port is not accepting connections"

psql_admin() { as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -v ON_ERROR_STOP=1 -qtA "$@" 2>/dev/null || as_postgres "$bin/psql" -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
  psql_admin -d postgres -c "CREATE ROLE $role LOGIN PASSWORD '$password' CREATEDB" >/dev/null || fail "cannot create role $role"
fi
if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
  psql_admin -d postgres -c "CREATE DATABASE $db OWNER $role" >/dev/null || fail "cannot create database $db"
fi

conn="Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$db"
PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U "$role" -d "$db" -qtA -c "SELECT 1" >/dev/null 2>&1 \
  || fail "cannot log in as $role over TCP on 127.0.0.1:$port (check pg_hba.conf allows md5/scram for 127.0.0.1)"

touch "$env_out"
grep -v '^KALSHI_TEST_POSTGRES=' "$env_out" > "$env_out.tmp" 2>/dev/null || true
mv "$env_out.tmp" "$env_out"
echo "KALSHI_TEST_POSTGRES='$conn'" >> "$env_out"
echo "postgres.sh: PostgreSQL $version ready on 127.0.0.1:$port (KALSHI_TEST_POSTGRES in $env_out)" >&2
