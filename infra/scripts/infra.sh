#!/usr/bin/env bash
# Local infrastructure for Trajectwacht: PostgreSQL, Redis and Kafka.
#   infra.sh up      use what is reachable (DATABASE_URL, REDIS_URL, KAFKA_BROKERS), start the rest, create topics
#   infra.sh down    stop only what `up` started
#   infra.sh status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_HOST="$(url_host "$DATABASE_URL")"; PG_PORT="$(url_port "$DATABASE_URL" 5432)"
REDIS_HOST="$(url_host "$REDIS_URL")"; REDIS_PORT="$(url_port "$REDIS_URL" 6379)"

postgres_up() {
  if tcp_open "$PG_HOST" "$PG_PORT"; then log "PostgreSQL reachable at $PG_HOST:$PG_PORT"; return 0; fi
  if ! command -v pg_ctlcluster >/dev/null; then
    log "PostgreSQL is not reachable at $PG_HOST:$PG_PORT and pg_ctlcluster is not installed (apt-get install postgresql)"; exit 1
  fi
  local version; version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  echo "$version" > "$RUN_DIR/postgres.version"
  mark_started postgres
  wait_for postgres "$PG_HOST" "$PG_PORT" 60
}

postgres_down() {
  was_started_by_us postgres || { log "PostgreSQL was not started by these scripts; leaving it alone"; return 0; }
  log "stopping PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(cat "$RUN_DIR/postgres.version")" main stop || true
  clear_started postgres
}

redis_up() {
  if tcp_open "$REDIS_HOST" "$REDIS_PORT"; then log "Redis reachable at $REDIS_HOST:$REDIS_PORT"; return 0; fi
  command -v redis-server >/dev/null || { log "Redis is not reachable at $REDIS_HOST:$REDIS_PORT and redis-server is not installed (apt-get install redis-server)"; exit 1; }
  log "starting Redis on $REDIS_HOST:$REDIS_PORT"
  mkdir -p "$DATA_DIR/redis"
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$DATA_DIR/redis" --pidfile "$RUN_DIR/redis.pid" --logfile "$DATA_DIR/redis/redis.log"
  mark_started redis
  wait_for redis "$REDIS_HOST" "$REDIS_PORT" 30
}

redis_down() {
  was_started_by_us redis || { log "Redis was not started by these scripts; leaving it alone"; return 0; }
  log "stopping Redis"
  [ -f "$RUN_DIR/redis.pid" ] && kill "$(cat "$RUN_DIR/redis.pid")" 2>/dev/null || true
  clear_started redis
}

case "${1:-}" in
  up)
    postgres_up
    redis_up
    bash "$REPO_ROOT/infra/scripts/kafka.sh" start
    node "$REPO_ROOT/tools/create-topics.js"
    ;;
  down)
    bash "$REPO_ROOT/scripts/services.sh" stop
    bash "$REPO_ROOT/infra/scripts/kafka.sh" stop
    redis_down
    postgres_down
    ;;
  status)
    tcp_open "$PG_HOST" "$PG_PORT" && echo "postgres: up at $PG_HOST:$PG_PORT$(was_started_by_us postgres && echo ' (started by us)')" || echo "postgres: down"
    tcp_open "$REDIS_HOST" "$REDIS_PORT" && echo "redis: up at $REDIS_HOST:$REDIS_PORT$(was_started_by_us redis && echo ' (started by us)')" || echo "redis: down"
    bash "$REPO_ROOT/infra/scripts/kafka.sh" status
    ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
