#!/usr/bin/env bash
# The whole test suite: install, build, start the local infrastructure as needed, then type-check, lint,
# unit tests and integration/end-to-end tests against the real Kafka broker, PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false

bash scripts/ensure-deps.sh
bash infra/scripts/infra.sh up
source scripts/secrets.sh

echo "[test] type-check and lint" >&2
npx tsc -p tsconfig.json --noEmit
npx eslint . --max-warnings=0
bash scripts/check-compose.sh

echo "[test] unit tests" >&2
npx jest --selectProjects unit --ci
echo "[test] integration and end-to-end tests (real Kafka, PostgreSQL, Redis)" >&2
npx jest --selectProjects integration --ci --runInBand
