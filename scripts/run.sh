#!/usr/bin/env bash
# Runs the whole platform locally: installs and builds as needed, starts PostgreSQL/Redis/Kafka when they are not
# reachable, starts the services (reusing those already running), feeds the demo stream, and prints where to look.
# Stop everything it started with: npm run infra:down
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
export PSEUDONYM_SECRET AUTH_SECRET
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
# the names of the simulated aanbieders (AGB code → naam), shown beside their codes
export AANBIEDERS_FILE="${AANBIEDERS_FILE:-$PWD/docs/examples/aanbieders.json}"
# Dashboard users for the demo: created once with a random password (kept in .data/demo-users.txt, git-ignored).
export MONITOR_USERS_FILE="${MONITOR_USERS_FILE:-$PWD/.data/users.json}"
if [ ! -f "$MONITOR_USERS_FILE" ]; then
  demo_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  add_user() { node -r ./tools/register-paths.js dist/apps/monitor/src/create-user.js --file "$MONITOR_USERS_FILE" --password "$demo_password" "$@" >/dev/null; }
  add_user --username toegang-almere --role toegang --gemeente 0034
  add_user --username toegang-lelystad --role toegang --gemeente 0995
  add_user --username beheerder-almere --role toegang --gemeente 0034 --beheerder
  add_user --username regio-flevoland --role regio --regio flevoland --gemeenten 0034,0995,0303,0171,0184,0050
  add_user --username aanbieder-demo --role aanbieder --agb "${DEMO_AANBIEDER_AGB:-98100003}"
  add_user --username beheer --role beheer
  printf 'users: toegang-almere toegang-lelystad beheerder-almere regio-flevoland aanbieder-demo beheer\npassword: %s\n' "$demo_password" > .data/demo-users.txt
  chmod 600 .data/demo-users.txt
fi
# OIDC_DEV=1: also the development OpenID provider; the dashboard offers "Log in via 127.0.0.1:4400" beside the local
# users, and the APIs accept its access tokens (docs/security.md, "OpenID Connect"). The default demo: local users only.
if [ "${OIDC_DEV:-}" = 1 ]; then
  export OIDC_ISSUER="http://127.0.0.1:${OIDC_DEV_PORT:-4400}" OIDC_AUDIENCE=urn:trajectwacht:api OIDC_CLIENT_ID=trajectwacht-dashboard
  export OIDC_CLAIM_BEHEERDER=beheerder # the dev provider's beheerder-almere carries "beheerder": true
fi
bash scripts/services.sh start

# The demo stream: the simulator publishes ~400 days of Flevoland history in seconds, then live messages at a human pace.
bash scripts/services.sh demo

cat <<MSG

Trajectwacht is running.
  Dashboard       http://127.0.0.1:${MONITOR_PORT:-3000}/   (users and password: .data/demo-users.txt)
  API docs        http://127.0.0.1:${MONITOR_PORT:-3000}/api/docs   (Swagger UI of the whole API; the document: /api/docs-json)
  Ingest API      http://127.0.0.1:${INGEST_PORT:-3001}/api/v1/berichten   (health: http://127.0.0.1:${INGEST_PORT:-3001}/health)
  Trajectory API  http://127.0.0.1:${TRAJECTORY_PORT:-3002}/api/v1/clients/{bsn}/trajecten   (toegang token)
  Alerts API      http://127.0.0.1:${SIGNALS_PORT:-3003}/api/v1/alerts   (toegang or aanbieder token)
  Kafka           ${KAFKA_BROKERS}   topics: infra/kafka/topics.json
  Logs            .data/logs/
  Access token    npm run token -- --role aanbieder --agb 12345678   (secrets in .data/secrets.env)
  Demo stream     .data/logs/demo.log (simulator, Flevoland); publish your own: npx trajectwacht publish docs/examples/demo-*.xml --sign-as-sender; check one: npx trajectwacht validate FILE
  Stop            npm run infra:down
MSG
if [ "${OIDC_DEV:-}" = 1 ]; then
  cat <<MSG
  OpenID provider ${OIDC_ISSUER}   (development only: accounts toegang-almere, regio-flevoland, aanbieder-demo, … with any
                  password; client credentials: tools/oidc-dev-provider.mjs; services already running keep their settings)
MSG
fi
