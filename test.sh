#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, builds with warnings as errors,
# checks that the migrations match the model for both stores, and runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration=Release

# --- System packages (Debian) --------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing ${missing[*]} from Debian's packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Build ---------------------------------------------------------------------------------
echo "==> Restoring local tools and packages"
dotnet tool restore
dotnet restore InviteTriage.sln

echo "==> Building ($configuration, warnings are errors)"
dotnet build InviteTriage.sln -c "$configuration" --no-restore -warnaserror -nologo -clp:ErrorsOnly

# One set of migrations per store: SQLite's in InviteTriage.Data, PostgreSQL's in InviteTriage.Data.Postgres.
echo "==> Checking that the migrations match the model, for SQLite and for PostgreSQL"
dotnet ef migrations has-pending-model-changes --project src/InviteTriage.Data --configuration "$configuration" --no-build
dotnet ef migrations has-pending-model-changes --project src/InviteTriage.Data.Postgres --configuration "$configuration" --no-build

# --- Tests ---------------------------------------------------------------------------------
# The mailbox tests sync against a real Dovecot on 127.0.0.1, and the Data tests run against SQLite and a real
# PostgreSQL on 127.0.0.1 (both installed from Debian's packages when missing). Both servers are private to this run
# and are stopped at the end, whatever happens.
INVITETRIAGE_TEST_IMAP=""
postgres_cluster=""
log=""
stop_servers() {
  # Each server is stopped whatever the others' stops say, and a failing stop does not change the tests' verdict.
  set +e
  [ -z "$log" ] || rm -f "$log"
  [ -z "$INVITETRIAGE_TEST_IMAP" ] || tests/dovecot/stop.sh "$INVITETRIAGE_TEST_IMAP"
  [ -z "$postgres_cluster" ] || tests/postgres/stop.sh "$postgres_cluster"
}
trap stop_servers EXIT

echo "==> Starting Dovecot for the IMAP tests"
INVITETRIAGE_TEST_IMAP=$(tests/dovecot/start.sh)
export INVITETRIAGE_TEST_IMAP

echo "==> Starting PostgreSQL for the store tests"
postgres_cluster=$(tests/postgres/start.sh)
INVITETRIAGE_TEST_POSTGRES=$(cat "$postgres_cluster/connection")
export INVITETRIAGE_TEST_POSTGRES

echo "==> Running every test project"
log=$(mktemp)
status=0
dotnet test InviteTriage.sln -c "$configuration" --no-build --nologo 2>&1 | tee "$log" || status=$?

# One closing line over all projects, so a reader (or CI) need not add them up.
if ! awk '/(Passed|Failed)!  -/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Passed:") passed += $(i + 1)
         if ($i == "Failed:") failed += $(i + 1)
         if ($i == "Skipped:") skipped += $(i + 1)
       }
       projects++
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
           if (projects == 0) exit 3 }' "$log"; then
  echo "No test project reported a result." >&2
  [ "$status" -ne 0 ] || status=3
fi
exit "$status"
