#!/usr/bin/env bash
# Runs the benchmarks on the real local stack: starts the infrastructure (what is not already running), builds, then
# runs every compiled bench/*.bench.ts in sequence; each writes its own section of docs/benchmarks.md and prints it.
#   npm run bench         the whole suite, the trajectory projection at national scale (1 000 000 messages)
#   npm run bench:quick   the same at the default size (BENCH_MESSAGES=100000, BENCH_BASELINE_MESSAGES=20000)
# Every benchmark works on topics of its own: TRAJECTWACHT_TOPIC_PREFIX (default bench.<run>.) prefixes every platform
# topic name for this run, the topics are created here and deleted at the end, so a platform running on the same
# broker (on the unprefixed topics) neither consumes the benchmark's traffic nor has its own disturbed. The databases
# are the benchmarks' own schemas (bench_…), dropped at the end. BENCH_ONLY=indicators (a name or a glob) runs a subset.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/secrets.sh
export PSEUDONYM_SECRET AUTH_SECRET

bash infra/scripts/infra.sh up
echo "[bench] building (tsc)" >&2
npx tsc -p tsconfig.bench.json

export TRAJECTWACHT_TOPIC_PREFIX="${TRAJECTWACHT_TOPIC_PREFIX:-bench.$(date +%s).}"
case "$TRAJECTWACHT_TOPIC_PREFIX" in
  ''|test.*) echo "[bench] TRAJECTWACHT_TOPIC_PREFIX must be a prefix of the benchmark's own (got '${TRAJECTWACHT_TOPIC_PREFIX}')" >&2; exit 2 ;;
esac
echo "[bench] topics of this run: ${TRAJECTWACHT_TOPIC_PREFIX}*" >&2
node tools/create-topics.js
delete_topics() {
  node -e '
    const { Kafka, logLevel } = require("kafkajs");
    const prefix = process.env.TRAJECTWACHT_TOPIC_PREFIX;
    const admin = new Kafka({ clientId: "trajectwacht-bench-cleanup", brokers: (process.env.KAFKA_BROKERS || "127.0.0.1:9092").split(","), logLevel: logLevel.NOTHING }).admin();
    (async () => {
      await admin.connect();
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
      console.error(`[bench] deleted topics: ${topics.join(", ") || "-"}`);
      await admin.disconnect();
    })().catch((e) => { console.error(`[bench] could not delete the topics ${prefix}*: ${e.message}`); process.exit(0); });
  ' || true
}
trap delete_topics EXIT

status=0
for bench in dist/bench/${BENCH_ONLY:-*}.bench.js; do
  echo "[bench] running ${bench}" >&2
  # --expose-gc: each phase starts after a forced GC, so its memory peak is its own; the heap limit covers --national;
  # a larger young generation (semi-space) means fewer scavenges of the batch-sized allocations, for every phase alike.
  node --expose-gc --max-old-space-size="${BENCH_MAX_OLD_SPACE_MB:-6144}" --max-semi-space-size="${BENCH_SEMI_SPACE_MB:-32}" -r ./tools/register-paths.js "$bench" "$@" || status=$?
done
[ "$status" -eq 0 ] && echo "[bench] results written to docs/benchmarks.md" >&2
exit "$status"
