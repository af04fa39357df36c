#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json (npm ci), then builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false

stamp=node_modules/.trajectwacht-lock.sha
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[setup] npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
echo "[setup] building (tsc)" >&2
npx tsc -p tsconfig.build.json
