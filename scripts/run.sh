#!/usr/bin/env bash
# Runs the whole platform locally: installs and builds as needed, starts PostgreSQL/Redis/Kafka when they are not
# reachable, starts the services (reusing those already running), feeds the demo stream, and prints where to look.
# Stop everything it started with: npm run infra:down
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false

bash scripts/ensure-deps.sh
bash infra/scripts/infra.sh up
source scripts/secrets.sh
export PSEUDONYM_SECRET AUTH_SECRET
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
bash scripts/services.sh start

if [ -f docs/examples/demo.jsonl ]; then
  node tools/cli/trajectwacht.js publish docs/examples/demo.jsonl --sign-as-sender >/dev/null || echo "[run] warning: publishing the demo messages failed" >&2
fi

cat <<MSG

Trajectwacht is running.
  Ingest API      http://127.0.0.1:${INGEST_PORT:-3001}/api/v1/berichten   (health: http://127.0.0.1:${INGEST_PORT:-3001}/health)
  Trajectory API  http://127.0.0.1:${TRAJECTORY_PORT:-3002}/api/v1/clients/{bsn}/trajecten   (toegang token)
  Alerts API      http://127.0.0.1:${SIGNALS_PORT:-3003}/api/v1/alerts   (toegang or aanbieder token)
  Kafka           ${KAFKA_BROKERS}   topics: infra/kafka/topics.json
  Logs            .data/logs/
  Access token    npm run token -- --role aanbieder --agb 12345678   (secrets in .data/secrets.env)
  Publish         npx trajectwacht publish docs/examples/demo.jsonl --sign-as-sender
  Stop            npm run infra:down
MSG
