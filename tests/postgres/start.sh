#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the tests that need one, without systemd: `initdb` into a temporary
# folder, then `pg_ctl` on 127.0.0.1 and a free port, both as the postgres user, which must own the data folder.
#
#   usage: tests/postgres/start.sh [FOLDER]      (FOLDER defaults to a new temporary folder)
#
# Prints one line on stdout: the cluster's folder. Its file `connection` holds the connection string (to the
# `postgres` database, as the `postgres` user with a random password) for INVITETRIAGE_TEST_POSTGRES. Everything
# else goes to stderr. Stop it with stop.sh <that folder>.
#   folder="$(tests/postgres/start.sh)"; export INVITETRIAGE_TEST_POSTGRES="$(cat "$folder/connection")"
set -euo pipefail

say() { echo "postgres: $*" >&2; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# --- Install Debian's package when it is missing ------------------------------------------
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  say "installing postgresql from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  # Installing the package would also create Debian's own "main" cluster and, where systemd runs, start it on port
  # 5432 for good. The tests need only their private cluster below, so the package is told not to create one, for
  # this install only: the file goes once it is done, and a later install of PostgreSQL gets its main cluster.
  no_main=/etc/postgresql-common/createcluster.d/invitetriage-tests.conf
  $sudo mkdir -p "$(dirname "$no_main")"
  echo "create_main_cluster = false" | $sudo tee "$no_main" >/dev/null
  # The package lists are refreshed only when the install cannot find the package.
  if ! $sudo apt-get install -y -qq --no-install-recommends postgresql >&2; then
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
  fi
  $sudo rm -f "$no_main"
  bin=$(find_bin)
fi
version=$("$bin/postgres" --version | awk '{print $3}')

# The cluster runs as the postgres user (the package creates it); as root through runuser, otherwise through sudo.
if [ "$(id -un)" = postgres ]; then
  as_postgres() { "$@"; }
elif [ "$(id -u)" -eq 0 ]; then
  as_postgres() { runuser -u postgres -- "$@"; }
else
  as_postgres() { sudo -u postgres -- "$@"; }
fi

# --- Folder, owned by postgres ---------------------------------------------------------------
made_root=""
if [ -n "${1:-}" ]; then
  root=$1
  mkdir -p "$root"
else
  root=$(mktemp -d "${TMPDIR:-/tmp}/invitetriage-postgres.XXXXXX")
  made_root=yes
fi
root=$(cd "$root" && pwd)
chmod 0755 "$root"
$sudo chown postgres: "$root"

password="pg-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
as_postgres sh -c "umask 077; printf '%s\n' '$password' > '$root/pwfile'"

# The log is the caller's: the folder is postgres's alone.
initdb_log=$(mktemp)
# C collation sorts as SQLite does (by code point); a UTF-8 ctype lets lower() fold beyond ASCII.
as_postgres "$bin/initdb" -D "$root/data" -U postgres -E UTF8 --lc-collate=C --lc-ctype=C.UTF-8 \
  --auth-local=peer --auth-host=scram-sha-256 --pwfile="$root/pwfile" >"$initdb_log" 2>&1 \
  || { say "initdb failed:"; tail -n 20 "$initdb_log" >&2; rm -f "$initdb_log"; [ -z "$made_root" ] || $sudo rm -rf "$root"; exit 1; }
rm -f "$initdb_log"
as_postgres rm -f "$root/pwfile"
as_postgres mkdir -p "$root/run"

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A test cluster holds nothing worth an fsync: durability settings are off, which makes the tests several times faster.
port=""
for attempt in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 40000))
  port_is_free "$candidate" || continue
  if as_postgres "$bin/pg_ctl" -D "$root/data" -l "$root/postgres.log" -w -t 60 \
      -o "-p $candidate -k $root/run -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2; then
    port=$candidate
    break
  fi
  say "did not start on port $candidate (attempt $attempt)"
done

if [ -z "$port" ]; then
  say "could not start; the last lines of $root/postgres.log:"
  tail -n 20 "$root/postgres.log" >&2 || true
  [ -z "$made_root" ] || $sudo rm -rf "$root"
  exit 1
fi

printf 'Host=127.0.0.1;Port=%s;Username=postgres;Password=%s;Database=postgres\n' "$port" "$password" | $sudo tee "$root/connection" >/dev/null
$sudo chmod 0644 "$root/connection"
say "PostgreSQL $version listening on 127.0.0.1:$port, cluster in $root"
echo "$root"
