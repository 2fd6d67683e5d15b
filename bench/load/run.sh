#!/usr/bin/env bash
# The load test of issue 6, run by hand (it is not part of ./test.sh): publishes the web app, fills a fresh store with
# N invitations through the real import (the CLI), starts the app as in production, and runs load.mjs against it:
# API clients mixing reads and decisions, and Blazor circuits browsing in Chromium, all for the same S seconds.
#
#   bench/load/run.sh [invitations=100000] [seconds=60] [api clients=50] [circuits=20] [think ms=0] [warm-up s=0]
#   REUSE=/tmp/invitetriage-load.XXXXXX bench/load/run.sh …   runs again against the store a previous run filled
#   APP_CPUS=0 CLIENT_CPUS=1 bench/load/run.sh …                 pins the app and the load (node, Chromium) to cores
#   BROWSER_NICE=19 bench/load/run.sh …                           runs Chromium (not the API clients) at that niceness
#
# On a machine of two cores the twenty Chromium renderers take most of both, and the app then measures how long it
# waits for a core. Users' browsers run on their own machines; pinning the load to other cores than the app's is
# the nearest this one machine comes to that, and gives the app one core, not two.
#
# Needs node 20+ and /usr/bin/chromium (./test.sh installs it); npm fetches playwright-core only, no browser.
set -euo pipefail
cd "$(dirname "$0")/../.."
invitations=${1:-100000} seconds=${2:-60} clients=${3:-50} circuits=${4:-20} think=${5:-0} warmup=${6:-0}
work=${REUSE:-$(mktemp -d /tmp/invitetriage-load.XXXXXX)}
email=load@example.com password="a long load-test passphrase"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ConnectionStrings__InviteTriage="Data Source=$work/store.db" INVITETRIAGE_DATA=$work
cli=(dotnet src/InviteTriage.Cli/bin/Release/net10.0/invitetriage.dll)

if [ -z "${REUSE:-}" ]; then
  echo "==> Publishing the web app and building the CLI (Release) into $work"
  dotnet publish src/InviteTriage.Web -c Release -o "$work/web" -nologo -v quiet
  dotnet build src/InviteTriage.Cli -c Release -nologo -v quiet
  (cd bench/load && npm install --no-audit --no-fund --silent)

  echo "==> Filling the store with $invitations invitations through the import"
  "${cli[@]}" users add --email "$email" --password "$password" > /dev/null
  node bench/load/generate.mjs "$invitations" > "$work/inbox.csv"
  /usr/bin/time -f "import took %e s, %M KB peak" "${cli[@]}" import --user "$email" "$work/inbox.csv" 2> >(grep -v 'rows read\|^Reading' >&2)
fi
token=$("${cli[@]}" tokens create --user "$email" --name load)

# The limits are raised because this measures the app's throughput, not the rate limiter, which would answer most
# of 50 busy clients of one member with 429. Everything else is as an install runs it.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "==> Starting the app on port $port"
app_pin=() client_pin=()
for cpus in ${APP_CPUS:-} ${CLIENT_CPUS:-}; do
  taskset -c "$cpus" true || { echo "APP_CPUS and CLIENT_CPUS are core lists taskset reads, such as 0 or 1-3; this machine has $(nproc)" >&2; exit 2; }
done
[ -n "${APP_CPUS:-}" ] && app_pin=(taskset -c "$APP_CPUS")
[ -n "${CLIENT_CPUS:-}" ] && client_pin=(taskset -c "$CLIENT_CPUS")
(cd "$work/web" && RateLimits__ApiPerMinute=10000000 RateLimits__SignInPerMinute=10000 Mailboxes__SyncInterval=00:00:00 \
  exec "${app_pin[@]}" dotnet InviteTriage.Web.dll --urls "http://127.0.0.1:$port") > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2> /dev/null || true' EXIT
for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 0.5
done

browser=()
if [ -n "${BROWSER_NICE:-}" ]; then
  printf '#!/bin/sh\nexec nice -n %d /usr/bin/chromium "$@"\n' "$BROWSER_NICE" > "$work/chromium"
  chmod +x "$work/chromium"
  browser=(--chromium "$work/chromium")
fi

echo "==> $clients API clients and $circuits Blazor circuits for $seconds s after a warm-up of $warmup s, think time $think ms" \
  "(app on cores ${APP_CPUS:-any}, load on cores ${CLIENT_CPUS:-any}, Chromium at niceness ${BROWSER_NICE:-0})"
cpu() { awk '{ print $14 + $15 }' "/proc/$app/stat"; }
before=$(cpu)
status=0
"${client_pin[@]}" node bench/load/load.mjs --base "http://127.0.0.1:$port" --token "$token" --email "$email" --password "$password" \
  --seconds "$seconds" --clients "$clients" --circuits "$circuits" --think-ms "$think" --warmup "$warmup" "${browser[@]}" --json "$work/report.json" | tee "$work/report.md" || status=$?
ticks=$(getconf CLK_TCK)
echo
echo "The app used $(( ($(cpu) - before) / ticks )) s of CPU during the run, warm-up included."
# Time inside the app, from its request log (warm-up included): what the clients saw beyond this was queueing.
grep -o 'HTTP [A-Z]* /api/[^ ]* responded [0-9]* in [0-9.]* ms' "$work/app.log" | awk '{ print $NF == "ms" ? $(NF-1) : $NF }' | sort -n |
  awk '{ a[NR] = $1 } END { if (NR) printf "Inside the app, API requests: %d, p50 %.1f ms, p99 %.1f ms\n", NR, a[int(NR * 0.5) + 1], a[int(NR * 0.99) + 1] }'
echo "The app's log, the report and the store are in $work"
exit $status
