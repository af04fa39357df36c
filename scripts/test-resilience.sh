#!/usr/bin/env bash
# The longer resilience suite (issue 8): outages of Kafka, PostgreSQL and Redis, and the sustained load soak.
# Installs and builds like the test command, starts the shared infrastructure as needed, then runs
# test/resilience/*.resilience-spec.ts in band (they start their own Kafka/PostgreSQL/Redis on spare ports
# where they stop them, so nothing else on this machine is disturbed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"

echo "[test:resilience] outages and load soak on the real stack" >&2
npx jest --selectProjects resilience --ci --runInBand "$@"
