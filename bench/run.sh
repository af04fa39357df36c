#!/usr/bin/env bash
# Runs the benchmarks on the real local stack: starts the infrastructure (what is not already running), builds, then
# runs every compiled bench/*.bench.ts in sequence; each writes its own section of docs/benchmarks.md and prints it.
#   npm run bench         the whole suite, the trajectory projection at national scale (1 000 000 messages)
#   npm run bench:quick   the same at the default size (BENCH_MESSAGES=100000, BENCH_BASELINE_MESSAGES=20000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/secrets.sh
export PSEUDONYM_SECRET AUTH_SECRET

bash infra/scripts/infra.sh up
echo "[bench] building (tsc)" >&2
npx tsc -p tsconfig.build.json

status=0
for bench in dist/bench/*.bench.js; do
  echo "[bench] running ${bench}" >&2
  # --expose-gc: each phase starts after a forced GC, so its memory peak is its own; the heap limit covers --national;
  # a larger young generation (semi-space) means fewer scavenges of the batch-sized allocations, for every phase alike.
  node --expose-gc --max-old-space-size="${BENCH_MAX_OLD_SPACE_MB:-6144}" --max-semi-space-size="${BENCH_SEMI_SPACE_MB:-32}" -r ./tools/register-paths.js "$bench" "$@" || status=$?
done
[ "$status" -eq 0 ] && echo "[bench] results written to docs/benchmarks.md" >&2
exit "$status"
