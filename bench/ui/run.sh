#!/usr/bin/env bash
# Measures the inbox in headless Chromium with a million invitations stored (issue 5, "Speed"):
#   - the first page: from navigation to the first row of the grid on screen;
#   - moving to another page: from the click on "next page" to the new rows on screen.
# Usage: bench/ui/run.sh [invitations] [runs]      (defaults: 1000000 invitations, 7 runs of each)
# Needs sqlite3, node and Debian's chromium; prints a Markdown table for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
invitations=${1:-1000000}
runs=${2:-7}
work=$(mktemp -d)
port=5391
trap 'kill "${app_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ConnectionStrings__InviteTriage="Data Source=$work/store.db" INVITETRIAGE_DATA="$work"
dotnet build src/InviteTriage.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/InviteTriage.Web -c Release -nologo -clp:ErrorsOnly >/dev/null

echo "==> A store with $invitations invitations for one member" >&2
dotnet src/InviteTriage.Cli/bin/Release/net10.0/invitetriage.dll users add --email bench@example.com --password 'a long enough password' >/dev/null
owner=$(sqlite3 "$work/store.db" "SELECT Id FROM AspNetUsers WHERE Email = 'bench@example.com'")
started=$(date +%s)
# One statement, generated inside SQLite: 2,000 companies, one invitation every ~3 minutes back from today, a tenth
# decided, every twentieth with no company. The same shape as an inbox read through the app.
sqlite3 "$work/store.db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $invitations)
INSERT INTO Invitations (OwnerId, Network, ExternalId, SenderName, SenderHeadline, Company, CompanyKey, SenderProfileUrl, SenderKey,
                         SenderNameKey, SentAt, SentMinute, Message, MessageClass, Status, Source, ReceivedAt, UpdatedAt)
SELECT '$owner', 'linkedin', 'bench-' || i, 'Sender ' || i, 'Consultant at Firm ' || (i % 2000),
       CASE WHEN i % 20 = 0 THEN NULL ELSE 'Firm ' || (i % 2000) END,
       CASE WHEN i % 20 = 0 THEN NULL ELSE 'firm' || (i % 2000) END,
       'https://www.linkedin.com/in/sender-' || i, 'https://www.linkedin.com/in/sender-' || i, 'sender ' || i,
       strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (i * 3) || ' minutes'),
       CAST(strftime('%s', 'now', '-' || (i * 3) || ' minutes') AS INTEGER) / 60,
       CASE WHEN i % 3 = 0 THEN 'I''d like to add you to my professional network on LinkedIn.' ELSE NULL END,
       0, CASE WHEN i % 10 = 0 THEN 2 ELSE 0 END, 3,
       strftime('%Y-%m-%d %H:%M:%S', 'now'), strftime('%Y-%m-%d %H:%M:%S', 'now')
FROM n;
ANALYZE;
SQL
echo "    stored in $(( $(date +%s) - started )) s" >&2

echo "==> Serving it" >&2
# Development serves the static web assets from the build output's manifest, as `dotnet run` does; logging is kept at
# warnings so that it costs what it costs in production.
ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning \
  dotnet src/InviteTriage.Web/bin/Release/net10.0/InviteTriage.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "The app did not start:" >&2; cat "$work/app.log" >&2; exit 2; }

[ -d bench/ui/node_modules/playwright-core ] || (cd bench/ui && npm install --silent --no-audit --no-fund)
BASE="http://127.0.0.1:$port" RUNS="$runs" INVITATIONS="$invitations" node bench/ui/inbox-speed.mjs
