#!/usr/bin/env bash
# Local single-node Apache Kafka broker in KRaft mode, provisioned from Maven Central.
#   kafka.sh start   resolve jars (once), format storage (once), start the broker, wait until it serves
#   kafka.sh stop    stop the broker this script started (never a broker somebody else runs)
#   kafka.sh status
# A broker already reachable at KAFKA_BROKERS is used as it is.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_HOME="$REPO_ROOT/infra/kafka"
LIBS="$KAFKA_HOME/target/libs"
KAFKA_DATA="$DATA_DIR/kafka"
PID_FILE="$RUN_DIR/kafka.pid"
FIRST_BROKER="${KAFKA_BROKERS%%,*}"
HOST="${FIRST_BROKER%%:*}"
PORT="${FIRST_BROKER##*:}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"

resolve_jars() {
  if [ -f "$LIBS/.complete" ]; then return 0; fi
  log "resolving Kafka jars from Maven Central (first run only)"
  mvn -q -B -f "$KAFKA_HOME/pom.xml" dependency:copy-dependencies
  touch "$LIBS/.complete"
}

write_config() {
  mkdir -p "$KAFKA_DATA/logs" "$KAFKA_DATA/meta"
  cat > "$KAFKA_DATA/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA/meta
num.partitions=6
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
log.retention.hours=-1
log.segment.bytes=268435456
message.max.bytes=2097152
PROPS
}

format_storage() {
  if [ -f "$KAFKA_DATA/meta/meta.properties" ]; then return 0; fi
  local cluster_id
  cluster_id="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  log "formatting KRaft storage (cluster $cluster_id)"
  java -cp "$LIBS/*" -Dlog4j.configuration="file:$KAFKA_HOME/config/log4j.properties" -Dkafka.logs.dir="$KAFKA_DATA/logs" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DATA/server.properties" --ignore-formatted >/dev/null
}

start() {
  if tcp_open "$HOST" "$PORT"; then
    log "Kafka already reachable at $HOST:$PORT; using it"
    return 0
  fi
  command -v java >/dev/null || { log "java is required to run the local Kafka broker"; exit 1; }
  resolve_jars
  write_config
  format_storage
  log "starting Kafka (KRaft) on $HOST:$PORT"
  nohup java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_HOME/config/log4j.properties" -Dkafka.logs.dir="$KAFKA_DATA/logs" \
    -cp "$LIBS/*" kafka.Kafka "$KAFKA_DATA/server.properties" \
    > "$KAFKA_DATA/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  mark_started kafka
  if ! wait_for kafka "$HOST" "$PORT" 90; then
    tail -n 40 "$KAFKA_DATA/logs/stdout.log" "$KAFKA_DATA/logs/server.log" >&2 || true
    exit 1
  fi
  log "Kafka is up (pid $(cat "$PID_FILE"))"
}

stop() {
  if ! was_started_by_us kafka || [ ! -f "$PID_FILE" ]; then
    log "Kafka was not started by these scripts; leaving it alone"
    return 0
  fi
  local pid; pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping Kafka (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$PID_FILE"; clear_started kafka
}

status() {
  if tcp_open "$HOST" "$PORT"; then echo "kafka: up at $HOST:$PORT$(was_started_by_us kafka && echo ' (started by us)')"; else echo "kafka: down"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
