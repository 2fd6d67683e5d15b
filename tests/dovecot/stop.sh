#!/usr/bin/env bash
# Stops the Dovecot that start.sh started and removes its folder.
#
#   usage: tests/dovecot/stop.sh SETTINGS_FILE_OR_FOLDER     (what start.sh printed, or its folder)
#
# Safe to call twice, or when start.sh failed half-way: it only stops the master process of that folder.
set -uo pipefail

target=${1:-${INVITETRIAGE_TEST_IMAP:-}}
if [ -z "$target" ]; then
  echo "usage: $0 SETTINGS_FILE_OR_FOLDER" >&2
  exit 2
fi
[ -d "$target" ] && root=$target || root=$(dirname "$target")

# Only a folder that start.sh made (it holds the generated configuration) is stopped and removed.
if [ ! -f "$root/dovecot.conf" ]; then
  exit 0
fi

pid_file="$root/run/master.pid"
if [ -f "$pid_file" ]; then
  pid=$(cat "$pid_file")
  kill "$pid" 2>/dev/null || true
  # The master stops its children before it exits; wait for that so the folder can go.
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
fi
rm -rf "$root"
