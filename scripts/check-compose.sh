#!/usr/bin/env bash
# Validates docker-compose.yml with `docker compose config` (or docker-compose v1 from Debian when the plugin is
# absent; installed on demand, since this machine kind has no Docker engine or compose plugin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PSEUDONYM_SECRET="${PSEUDONYM_SECRET:-compose-config-check-placeholder-000000}" AUTH_SECRET="${AUTH_SECRET:-compose-config-check-placeholder-000000}"
if docker compose version >/dev/null 2>&1; then
  docker compose config -q
elif command -v docker-compose >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && (apt-get install -y -qq docker-compose >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq docker-compose >/dev/null 2>&1; }); }; then
  docker-compose config -q
else
  echo "[test] cannot validate docker-compose.yml: neither 'docker compose' nor docker-compose is available" >&2
  exit 1
fi
echo "[test] docker-compose.yml is valid" >&2
