#!/usr/bin/env bash
# Runs a command with the local secrets loaded (when the environment does not set them) after building.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh >&2
source scripts/secrets.sh
export PSEUDONYM_SECRET AUTH_SECRET
exec "$@"
