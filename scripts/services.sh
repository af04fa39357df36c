#!/usr/bin/env bash
# Starts/stops the Trajectwacht services built in dist/, as background processes with pid files under .data/run.
# A service whose pid is alive is left running (idempotent). Logs: .data/logs/<service>.log
source "$(dirname "${BASH_SOURCE[0]}")/../infra/scripts/lib.sh"
LOG_DIR="$DATA_DIR/logs"; mkdir -p "$LOG_DIR"

# name:port:entry
SERVICES=(
  "ingest:${INGEST_PORT:-3001}:dist/apps/ingest/src/main.js"
  "trajectory:${TRAJECTORY_PORT:-3002}:dist/apps/trajectory/src/main.js"
  "signals:${SIGNALS_PORT:-3003}:dist/apps/signals/src/main.js"
  "monitor:${MONITOR_PORT:-3000}:dist/apps/monitor/src/main.js"
)
# OIDC_DEV=1: the development OpenID provider (tools/oidc-dev-provider.mjs, docs/security.md), started before the services.
OIDC_DEV_ENTRY="oidc-dev-provider:${OIDC_DEV_PORT:-4400}:tools/oidc-dev-provider.mjs"
# The demo stream (simulator) has no port; it is started last by run.sh and stopped with the services.
DEMO="demo:-:dist/apps/simulator/src/main.js"
DEMO_ARGS=(stream --region "${DEMO_REGION:-flevoland}" --seed "${DEMO_SEED:-1}" --rate "${DEMO_RATE:-2}")

start_one() {
  local name="$1" port="$2" entry="$3" pid_file="$RUN_DIR/svc-$1.pid"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "$name already running (pid $(cat "$pid_file"))"; return 0
  fi
  cd "$REPO_ROOT"
  shift 3
  nohup node -r ./tools/register-paths.js "$entry" "$@" >> "$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$pid_file"
  log "started $name (pid $(cat "$pid_file")), log: $LOG_DIR/$name.log"
  [ "$port" = "-" ] && return 0
  wait_for "$name" 127.0.0.1 "$port" 90 || { tail -n 30 "$LOG_DIR/$name.log" >&2; exit 1; }
}

stop_one() {
  local name="$1" pid_file="$RUN_DIR/svc-$1.pid"
  [ -f "$pid_file" ] || return 0
  local pid; pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"; kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pid_file"
}

case "${1:-}" in
  start)
    if [ "${OIDC_DEV:-}" = 1 ]; then
      IFS=: read -r n p e <<< "$OIDC_DEV_ENTRY"
      start_one "$n" "$p" "$e" --port "$p" --dashboard "http://127.0.0.1:${MONITOR_PORT:-3000}"
    fi
    for s in "${SERVICES[@]}"; do IFS=: read -r n p e <<< "$s"; start_one "$n" "$p" "$e"; done ;;
  demo) IFS=: read -r n p e <<< "$DEMO"; start_one "$n" "$p" "$e" "${DEMO_ARGS[@]}" ;;
  stop) IFS=: read -r n _ _ <<< "$DEMO"; stop_one "$n"; for s in "${SERVICES[@]}"; do IFS=: read -r n _ _ <<< "$s"; stop_one "$n"; done
    IFS=: read -r n _ _ <<< "$OIDC_DEV_ENTRY"; stop_one "$n" ;;
  *) echo "usage: $0 start|demo|stop" >&2; exit 2 ;;
esac
