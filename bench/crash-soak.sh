#!/usr/bin/env bash
# Soak test of crash safety (issue 6): kills an import of the real command line with SIGKILL at random moments,
# many times, and checks after each kill that the store is intact and the import's batch is there whole or not at
# all, then that running the import again ends as an uninterrupted run ends. The test suite runs ten such trials
# (tests/InviteTriage.Cli.Tests/CrashSafety); this runs as many as you like.
#
#   usage: bench/crash-soak.sh [TRIALS] [ROWS]          defaults: 100 trials of a 200,000-row generic CSV
#
# Exit 0 when every trial passed, 1 when any failed, 2 when it could not run. Needs sqlite3 (Debian: sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."

trials=${1:-100}
rows=${2:-200000}
member=soak@example.com

command -v sqlite3 >/dev/null || { echo "crash-soak: sqlite3 is needed: sudo apt-get install -y sqlite3" >&2; exit 2; }

echo "==> Building the command line and the harness (Release)"
dotnet build src/InviteTriage.Cli -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build bench/InviteTriage.Bench -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
cli=src/InviteTriage.Cli/bin/Release/net10.0/invitetriage.dll
bench=bench/InviteTriage.Bench/bin/Release/net10.0/InviteTriage.Bench.dll

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv=$work/invitations.csv
echo "==> Generating $rows rows"
dotnet "$bench" generate --invitations "$rows" --out "$csv"

# The import, against the store at $1.
import() {
  env ConnectionStrings__InviteTriage="Data Source=$1" INVITETRIAGE_DATA="$(dirname "$1")" \
    dotnet "$cli" import --user "$member" --format csv "$csv" >"$(dirname "$1")/out" 2>"$(dirname "$1")/err"
}

contents() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM Invitations) || ' invitations, ' || (SELECT count(*) FROM Flocks WHERE Status IN (0, 1))
    || ' flocks, ' || (SELECT count(*) FROM FlockMembers) || ' members, ' || (SELECT count(*) FROM Invitations WHERE FlockId IS NOT NULL)
    || ' in flocks, ' || (SELECT count(*) FROM FlagEvents WHERE Actor = 'detector') || ' detector events'"
}
batches() { sqlite3 "$1" "SELECT coalesce(group_concat(State || ' ' || Added || ' ' || Merged || ' ' || Duplicates, '; '), '') FROM ImportBatches"; }
indexes() { sqlite3 "$1" "SELECT group_concat(sql, '; ') FROM (SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)"; }
summary() { grep -E '^(added|duplicates|rejected):' "$1" | tr '\n' ' '; }

echo "==> An empty store with its member, and one uninterrupted import"
mkdir "$work/template"
env ConnectionStrings__InviteTriage="Data Source=$work/template/store.db" INVITETRIAGE_DATA="$work/template" \
  dotnet "$cli" users add --email "$member" --password 'a long enough password' >/dev/null
sqlite3 "$work/template/store.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
empty_indexes=$(indexes "$work/template/store.db")

mkdir "$work/reference"
cp "$work/template/store.db" "$work/reference/store.db"
started=$(date +%s%N)
import "$work/reference/store.db" || true
duration_ms=$(( ($(date +%s%N) - started) / 1000000 ))
reference_contents=$(contents "$work/reference/store.db")
reference_batches=$(batches "$work/reference/store.db")
reference_summary=$(summary "$work/reference/out")
echo "    $((duration_ms / 1000)).$(printf '%03d' $((duration_ms % 1000))) s: $reference_summary; $reference_contents"

failures=0
fail() { echo "    FAILED: $*"; failures=$((failures + 1)); }

echo "==> $trials trials"
for trial in $(seq 1 "$trials"); do
  dir=$work/trial$trial
  mkdir "$dir"
  cp "$work/template/store.db" "$dir/store.db"
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (duration_ms * 11 / 10) ))

  # Not through the function: a backgrounded function is a subshell, and kill -9 would stop it and not dotnet.
  env ConnectionStrings__InviteTriage="Data Source=$dir/store.db" INVITETRIAGE_DATA="$dir" \
    dotnet "$cli" import --user "$member" --format csv "$csv" >"$dir/out" 2>"$dir/err" &
  pid=$!
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true

  integrity=$(sqlite3 "$dir/store.db" "PRAGMA integrity_check;")
  broken=$(sqlite3 "$dir/store.db" "PRAGMA foreign_key_check;" | wc -l)
  killed_batches=$(batches "$dir/store.db")
  killed_contents=$(contents "$dir/store.db")
  [ "$integrity" = "ok" ] || fail "trial $trial: integrity_check says $integrity"
  [ "$broken" -eq 0 ] || fail "trial $trial: $broken broken foreign keys"
  [ "$(indexes "$dir/store.db")" = "$empty_indexes" ] || fail "trial $trial: the indexes differ from the migrated ones"
  if [ -z "$killed_batches" ]; then
    state="nothing committed"
    [ "$killed_contents" = "0 invitations, 0 flocks, 0 members, 0 in flocks, 0 detector events" ] \
      || fail "trial $trial: no batch, but $killed_contents"
  else
    state="batch committed"
    [ "$killed_batches" = "$reference_batches" ] || fail "trial $trial: batch '$killed_batches', expected '$reference_batches'"
    [ "$killed_contents" = "$reference_contents" ] || fail "trial $trial: $killed_contents, expected $reference_contents"
  fi

  import "$dir/store.db" || true
  final_contents=$(contents "$dir/store.db")
  [ "$final_contents" = "$reference_contents" ] || fail "trial $trial: after a re-run $final_contents, expected $reference_contents"
  if [ -z "$killed_batches" ] && [ "$(summary "$dir/out")" != "$reference_summary" ]; then
    fail "trial $trial: the re-run says $(summary "$dir/out"), expected $reference_summary"
  fi

  echo "    trial $trial: killed at $((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000))) s, $state; re-run: $(summary "$dir/out")"
  rm -rf "$dir"
done

echo "==> $trials trials, $failures failures"
[ "$failures" -eq 0 ]
