#!/usr/bin/env bash
# Stops the PostgreSQL cluster that start.sh started and removes its folder.
#
#   usage: tests/postgres/stop.sh FOLDER     (what start.sh printed)
#
# Safe to call twice, or when start.sh failed half-way: it only stops a cluster in a folder that start.sh made.
set -uo pipefail

root=${1:-}
if [ -z "$root" ]; then
  echo "usage: $0 FOLDER" >&2
  exit 2
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# Only a folder that start.sh made (it holds a cluster and its connection file) is stopped and removed.
if [ ! -f "$root/data/PG_VERSION" ]; then
  exit 0
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ "$(id -un)" = postgres ]; then
  as_postgres() { "$@"; }
elif [ "$(id -u)" -eq 0 ]; then
  as_postgres() { runuser -u postgres -- "$@"; }
else
  as_postgres() { sudo -u postgres -- "$@"; }
fi

if [ -f "$root/data/postmaster.pid" ]; then
  # fast: disconnect the tests' pools and stop without waiting for them.
  as_postgres "$bin/pg_ctl" -D "$root/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || as_postgres "$bin/pg_ctl" -D "$root/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
fi
$sudo rm -rf "$root"
