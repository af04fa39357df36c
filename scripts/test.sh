#!/usr/bin/env bash
# The whole test suite: install, build, start the local infrastructure as needed, then type-check, lint,
# unit tests and integration/end-to-end tests against the real Kafka broker, PostgreSQL and Redis.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"

echo "[test] type-check and lint" >&2
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/monitor/web/tsconfig.json   # the dashboard's JavaScript (// @ts-check, JSDoc types from libs/contracts)
npx eslint . --max-warnings=0   # incl. max-len 140, module boundaries, no process.env outside the typed config
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "[test] not formatted: npm run format" >&2; exit 1; }
bash scripts/check-compose.sh

echo "[test] unit tests" >&2
npx jest --selectProjects unit --ci
# The browser test drives Debian's Chromium with playwright-core (no downloaded browser).
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "[test] installing Debian's chromium for the browser test" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null; }
  else
    echo "[test] chromium is missing and this user cannot install it: sudo apt-get install chromium" >&2; exit 1
  fi
fi
echo "[test] integration and end-to-end tests (real Kafka, PostgreSQL, Redis, Chromium)" >&2
# --forceExit: a suite that fails half-way can leave a consumer or an HTTP connection open, and Jest then waits for it
# for ever after printing its result (CI ran out of its 90 minutes that way); the timeout ends a hung run with a clear
# message instead of CI's.
timeout --signal=TERM --kill-after=30s "${INTEGRATION_TIMEOUT:-45m}" npx jest --selectProjects integration --ci --runInBand --forceExit || {
  rc=$?
  [ "$rc" = 124 ] && echo "[test] the integration tests did not finish within ${INTEGRATION_TIMEOUT:-45m}" >&2
  exit "$rc"
}
