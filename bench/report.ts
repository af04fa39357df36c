import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * docs/benchmarks.md is shared by all benchmarks: each owns the part between its own start/end markers and rewrites
 * only that. Inside the trajectory section, every run mode (default, national, ...) keeps its own block, so a national
 * run does not wipe the default run's numbers.
 */
export const SECTION_START = '<!-- trajectory-bench:start -->';
export const SECTION_END = '<!-- trajectory-bench:end -->';
const runStart = (mode: string) => `<!-- trajectory-bench:run:${mode}:start -->`;
const runEnd = (mode: string) => `<!-- trajectory-bench:run:${mode}:end -->`;

const FILE_HEADER = `# Benchmarks

Measurements of Trajectwacht on the local stack (\`npm run infra:up\`: single-node Kafka in KRaft mode, PostgreSQL,
Redis, all on the same machine as the benchmark). Each benchmark writes its own section between its markers and leaves
the rest of this file alone; regenerate a section with the command given in it rather than editing numbers by hand.
Numbers depend on the machine: compare ratios measured in the same run, not absolute rates across machines.
`;

const SECTION_INTRO =
  `## Trajectory projection: Kafka topic → committed PostgreSQL state

Produced by \`bench/trajectory.bench.ts\` (\`npm run bench\` at national scale, \`npm run bench:quick\` at 100 000 messages), ` +
  `all in one process on the real local stack:

1. **Production** — synthetic accepted messages (\`syntheticAccepted\`, ≈2.6 per child), sorted into arrival order
   (ontvangenOp) as a real log holds them, are produced to a fresh temporary topic with 6 partitions, keyed by client
   pseudonym, in batches, without compression (lz4 is not available). A trajectory's messages therefore arrive weeks
   apart, in different batches, as they do live. Reported, not compared.
2. **(a) Ceiling** — a raw kafkajs consumer (fresh group, \`eachBatch\`, same fetch settings as \`replayTopic\`) that
   only counts and \`JSON.parse\`s every value: the fastest this broker/client can hand records to Node.
3. **(b) Baseline** — the usual NestJS way: \`NestFactory.createMicroservice\` with the Kafka transport and an
   \`@EventPattern\` controller using TypeORM repositories, one message at a time: \`save\` the message into a
   trajectory_bericht-like entity, \`find\` all messages of its trajectory, \`deriveTrajectory\` (the same pure function),
   \`findOneBy\` + \`save\` the trajectory entity (bench-only entities in a fresh schema, \`synchronize: true\`). It does
   less work than ours (no client summary, no outbox). Because it is slow it runs on a capped subset (the first
   \`BENCH_BASELINE_MESSAGES\` messages, in their own topic); its persisted trajectory states are checked to be identical
   to ours on the same subset.
4. **(c) Ours** — \`replayTopic\` into \`TrajectoryProjection\` with \`publishEvents: true\` (outbox writes included) on a
   freshly migrated schema: set-based statements per fetched batch, one transaction per batch, two partitions at once.
5. **(d) PostgreSQL write floor** — after (c), the rows it committed (messages, trajectories, children, outbox events)
   are copied server-side (\`INSERT … SELECT\`) into empty tables with the same columns and indexes, by two
   transactions at once (both cores). No client, no network, no JSON, no logic: roughly the most *any* implementation
   that commits these rows could reach on this PostgreSQL, which bounds what "ours / ceiling" can be.

CPU columns: *Node CPU* is this process's user + system time over the phase (\`process.cpuUsage\`); *PostgreSQL CPU*
is the user + system time of the server backends that served the phase, read from \`/proc/<pid>/stat\` (the server
is local; "–" where it cannot be read). The broker's CPU is not counted. The **CPU bound** adds the ceiling's Node CPU
(reading the records) to the floor's PostgreSQL CPU (committing the rows), spreads the sum perfectly over all cores,
and takes at least the floor's wall time: the most events/s any implementation that reads these records with kafkajs
and commits these rows could reach on this machine, before it does any work of its own.

Rates are *events/s from the first fetched record to the last committed write* (consumer start-up and group join are
excluded, and shown separately as "incl. join"). Memory is the whole process (RSS) and V8 heap used, sampled every
250 ms during each phase after a forced GC; RSS is the whole process's, so it includes what earlier phases left
allocated. Temporary topics, consumer groups and schemas are removed at the end, also on failure.
`;

export function writeRunBlock(file: string, mode: string, block: string): void {
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : FILE_HEADER;
  const startAt = existing.indexOf(SECTION_START);
  const endAt = existing.indexOf(SECTION_END);
  let before = existing;
  let section = '';
  let after = '';
  if (startAt >= 0 && endAt > startAt) {
    before = existing.slice(0, startAt);
    section = existing.slice(startAt + SECTION_START.length, endAt);
    after = existing.slice(endAt + SECTION_END.length);
  } else {
    before = existing.endsWith('\n') ? `${existing}\n` : `${existing}\n\n`;
    after = '\n';
  }

  // keep the blocks of the other modes, replace (or add) this one; default first, then the rest alphabetically
  const blocks = new Map<string, string>();
  const pattern = /<!-- trajectory-bench:run:([\w-]+):start -->([\s\S]*?)<!-- trajectory-bench:run:\1:end -->/g;
  for (const match of section.matchAll(pattern)) blocks.set(match[1]!, match[2]!.trim());
  blocks.set(mode, block.trim());
  const order = [...blocks.keys()].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  const body = order.map((m) => `${runStart(m)}\n${blocks.get(m)}\n${runEnd(m)}`).join('\n\n');

  const text = `${before}${SECTION_START}\n${SECTION_INTRO}\n${body}\n${SECTION_END}${after}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export function table(header: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const sep = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * Prints one benchmark's section and replaces (or appends) it between its own markers in docs/benchmarks.md (or
 * BENCH_REPORT_FILE), leaving the rest of the file alone.
 */
export function publishSection(start: string, end: string, block: string): void {
  process.stdout.write(block + '\n');
  writeSection(process.env.BENCH_REPORT_FILE ?? join(__dirname, '..', '..', 'docs', 'benchmarks.md'), start, end, block);
}

function writeSection(file: string, start: string, end: string, block: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  writeFileSync(file, a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + end.length) : `${text.trimEnd()}\n\n${block}\n`);
}
