#!/usr/bin/env bash
# Shared helpers for the infrastructure scripts. Sourced, not executed.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="${TRAJECTWACHT_DATA_DIR:-$REPO_ROOT/.data}"   # git-ignored
RUN_DIR="$DATA_DIR/run"                                 # pid files + markers of what *we* started
mkdir -p "$RUN_DIR"

log() { printf '[infra] %s\n' "$*" >&2; }

# host:port reachable over TCP?
tcp_open() {
  local host="$1" port="$2"
  (exec 3<>"/dev/tcp/$host/$port") >/dev/null 2>&1
}

# wait_for NAME HOST PORT SECONDS
wait_for() {
  local name="$1" host="$2" port="$3" secs="${4:-60}" i
  for ((i = 0; i < secs * 4; i++)); do
    if tcp_open "$host" "$port"; then return 0; fi
    sleep 0.25
  done
  log "$name did not open $host:$port within ${secs}s"
  return 1
}

# parse host and port out of URLs like postgres://u@127.0.0.1:5432/db or redis://127.0.0.1:6379
url_host() { local u="${1#*://}"; u="${u#*@}"; u="${u%%/*}"; echo "${u%%:*}"; }
url_port() { local u="${1#*://}"; u="${u#*@}"; u="${u%%/*}"; if [[ "$u" == *:* ]]; then echo "${u##*:}"; else echo "$2"; fi; }

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"

mark_started() { touch "$RUN_DIR/started-$1"; }
was_started_by_us() { [ -f "$RUN_DIR/started-$1" ]; }
clear_started() { rm -f "$RUN_DIR/started-$1"; }
