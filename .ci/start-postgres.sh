#!/usr/bin/env bash
# Start a loopback-only PostgreSQL for the storage tests and export CHITIEU_TEST_POSTGRES_URL.
# Sourced by .ci/run (after .ci/system-packages.sh has installed `postgresql`); safe to run twice.
# As root it uses the Debian cluster (pg_ctlcluster); otherwise it runs initdb in a folder of its own.

_chitieu_pg_start() {
  local db=chitieu_test user=chitieu password=chitieu port bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then
    echo "start-postgres: PostgreSQL is not installed; the PostgreSQL tests will skip" >&2
    return 0
  fi
  local psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1)

  if [ "$(id -u)" -eq 0 ] && command -v pg_lsclusters >/dev/null 2>&1; then
    local version cluster
    version=$(basename "$(dirname "$bindir")")
    cluster=main
    if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {found=1} END {exit !found}'; then
      pg_createcluster "$version" "$cluster" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    fi
    port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $3}')
    if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c && $4 ~ /online/ {found=1} END {exit !found}'; then
      # loopback only, whatever postgresql.conf says
      pg_ctlcluster "$version" "$cluster" start -o "-c listen_addresses=127.0.0.1" || return 1
    fi
    local as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "${psql[@]}" -p "$port" -d postgres <<SQL || return 1
SELECT 'CREATE ROLE $user LOGIN PASSWORD ''$password'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') \gexec
SELECT 'CREATE DATABASE $db OWNER $user'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db') \gexec
SQL
  else
    # no root: a private server in a folder of ours, trusted on loopback only
    local dir="${CHITIEU_PG_DIR:-${TMPDIR:-/tmp}/chitieu-pg-$(id -u)}"
    port="${CHITIEU_PG_PORT:-55432}"
    if [ ! -f "$dir/PG_VERSION" ]; then
      "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null || return 1
    fi
    if ! "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      "$bindir/pg_ctl" -D "$dir" -w -l "$dir/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >/dev/null || return 1
    fi
    "${psql[@]}" -h 127.0.0.1 -p "$port" -U postgres -d postgres <<SQL || return 1
SELECT 'CREATE ROLE $user LOGIN PASSWORD ''$password'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') \gexec
SELECT 'CREATE DATABASE $db OWNER $user'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db') \gexec
SQL
  fi
  export CHITIEU_TEST_POSTGRES_URL="postgresql+psycopg://$user:$password@127.0.0.1:$port/$db"
  echo "start-postgres: CHITIEU_TEST_POSTGRES_URL=$CHITIEU_TEST_POSTGRES_URL"
}

_chitieu_pg_start || echo "start-postgres: could not start PostgreSQL; the PostgreSQL tests will skip" >&2
unset -f _chitieu_pg_start
