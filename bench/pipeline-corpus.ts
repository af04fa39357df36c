/**
 * The berichten of the pipeline benchmark (bench/pipeline.bench.ts): the first n of a national simulated year, made in
 * a worker thread (this file is also the worker's entry) while the main thread produces them, and kept on disk for
 * the next run with the same size and the same compiled simulator.
 *
 * A record: u32 XML length, u16 sender (index into the senders list), u8 flags (1 = initial load), u8 soort (index
 * into SOORTEN), f64 the sending time (ms), u32 products, then the XML (UTF-8). A batch is a Buffer of whole records.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export const SOORTEN = ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319'] as const;
export const HEADER = 20;
/** Berichten of one national simulated year at scale 1, the initial load at its first day included (seed 1, 2025). */
export const NATIONAL_YEAR = 1_473_000;
const FORMAT = 1;

export type Sender = { role: 'toegang'; gemeente: string } | { role: 'aanbieder'; agb: string };

export interface CorpusSummary {
  count: number;
  bytes: number;
  soorten: Record<string, number>;
  initieel: number;
  products: number;
  scale: number;
  first: string;
  last: string;
  /** Seconds the simulator took (the worker's wall time), as stored with the cache when it was made. */
  seconds: number;
}

export interface Batch {
  buf: Buffer;
  /** Every sender so far, by index (grows; records only refer to senders already listed). */
  senders: Sender[];
}

/** The simulated year: its first and last day. */
export interface SimulatedYear {
  from: string;
  to: string;
}

interface WorkerInput {
  n: number;
  scale: number;
  root: string;
  year: SimulatedYear;
}

type WorkerMessage =
  { kind: 'batch'; buf: ArrayBuffer; senders: Sender[] } | { kind: 'done'; summary: CorpusSummary } | { kind: 'error'; message: string };

export const scaleFor = (n: number): number => Math.min(1, (n / NATIONAL_YEAR) * 1.03);

/** A hash of the compiled simulator and iJw library: a cached corpus is used only by the code that made it. */
function codeHash(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.js')) h.update(entry.name).update(readFileSync(p));
    }
  };
  for (const lib of ['simulator', 'ijw', 'dates']) walk(join(root, 'dist', 'libs', lib));
  return h.digest('hex').slice(0, 16);
}

// ---- worker ----------------------------------------------------------------------------------------------------------

function runWorker(input: WorkerInput): void {
  // the worker has its own module registry: resolve @trajectwacht/* to the compiled libraries as the main thread does
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(input.root, 'tools', 'register-paths.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { simulateBerichten, senderKey } = require('@trajectwacht/simulator') as typeof import('@trajectwacht/simulator');
  const port = parentPort!;
  const started = Date.now();
  const senders: Sender[] = [];
  const senderIndex = new Map<string, number>();
  let sent = 0;
  const summary: CorpusSummary = {
    count: 0,
    bytes: 0,
    soorten: {},
    initieel: 0,
    products: 0,
    scale: input.scale,
    first: '',
    last: '',
    seconds: 0,
  };
  let parts: Buffer[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    const buf = Buffer.concat(parts, size);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const msg: WorkerMessage = { kind: 'batch', buf: ab, senders: senders.slice(sent) };
    sent = senders.length;
    port.postMessage(msg, [ab]);
    parts = [];
    size = 0;
  };
  for (const b of simulateBerichten({
    region: 'national',
    seed: 1,
    from: input.year.from,
    to: input.year.to,
    scale: input.scale,
    validateXml: false,
  })) {
    if (summary.count >= input.n) break;
    const key = senderKey(b.sender);
    let s = senderIndex.get(key);
    if (s === undefined) {
      s =
        senders.push(
          b.sender.role === 'toegang' ? { role: 'toegang', gemeente: b.sender.gemeente } : { role: 'aanbieder', agb: b.sender.agb },
        ) - 1;
      senderIndex.set(key, s);
    }
    const xmlLength = Buffer.byteLength(b.xml);
    const rec = Buffer.allocUnsafe(HEADER + xmlLength);
    rec.writeUInt32LE(xmlLength, 0);
    rec.writeUInt16LE(s, 4);
    rec.writeUInt8(b.initieel ? 1 : 0, 6);
    rec.writeUInt8(SOORTEN.indexOf(b.soort), 7);
    rec.writeDoubleLE(Date.parse(b.at), 8);
    rec.writeUInt32LE(b.regels.length, 16);
    rec.write(b.xml, HEADER, 'utf8');
    parts.push(rec);
    size += rec.length;
    summary.count++;
    summary.bytes += xmlLength;
    summary.soorten[b.soort] = (summary.soorten[b.soort] ?? 0) + 1;
    if (b.initieel) summary.initieel++;
    summary.products += b.regels.length;
    if (!summary.first) summary.first = b.at;
    summary.last = b.at;
    if (parts.length >= 1000) flush();
  }
  flush();
  if (summary.count < input.n)
    throw new Error(`the simulator gave ${summary.count} berichten at scale ${input.scale}, fewer than ${input.n}`);
  summary.seconds = (Date.now() - started) / 1000;
  port.postMessage({ kind: 'done', summary } satisfies WorkerMessage);
}

if (!isMainThread && (workerData as { pipelineCorpus?: WorkerInput } | undefined)?.pipelineCorpus) {
  try {
    runWorker((workerData as { pipelineCorpus: WorkerInput }).pipelineCorpus);
  } catch (error) {
    parentPort!.postMessage({ kind: 'error', message: (error as Error).stack ?? String(error) } satisfies WorkerMessage);
  }
}

// ---- main thread -----------------------------------------------------------------------------------------------------

export interface CorpusSource {
  batches: AsyncIterable<Batch>;
  /** Resolves when every batch has been handed out. */
  summary: Promise<CorpusSummary>;
  /** True when read from the disk cache. */
  cached: boolean;
  file: string | null;
}

/** Splits a buffer of whole records into views of each: [offset of the record, its XML length]. */
export function* records(
  buf: Buffer,
): Generator<{ sender: number; initieel: boolean; soort: string; at: number; products: number; xml: Buffer }> {
  for (let o = 0; o < buf.length;) {
    const len = buf.readUInt32LE(o);
    yield {
      sender: buf.readUInt16LE(o + 4),
      initieel: buf.readUInt8(o + 6) === 1,
      soort: SOORTEN[buf.readUInt8(o + 7)]!,
      at: buf.readDoubleLE(o + 8),
      products: buf.readUInt32LE(o + 16),
      xml: buf.subarray(o + HEADER, o + HEADER + len),
    };
    o += HEADER + len;
  }
}

/**
 * The berichten for size n of `year`: from the cache (`dir`, keyed by size, scale, year and the compiled code) when it holds them,
 * else from the simulator in a worker thread, written to the cache as they come (the file is renamed into place only
 * when complete; `dir` null: no cache).
 */
export function corpus(n: number, root: string, dir: string | null, year: SimulatedYear): CorpusSource {
  const scale = scaleFor(n);
  const key = `pipeline-${n}-s${scale.toFixed(6)}-seed1-${year.from}-${year.to}-f${FORMAT}-${dir ? codeHash(root) : 'nocache'}`;
  const bin = dir ? join(dir, `${key}.bin`) : null;
  const meta = dir ? join(dir, `${key}.json`) : null;
  if (bin && meta && existsSync(bin) && existsSync(meta)) {
    const parsed: unknown = JSON.parse(readFileSync(meta, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('summary' in parsed) || !('senders' in parsed) || !Array.isArray(parsed.senders))
      throw new Error(`${meta}: not a corpus description (remove it)`);
    const stored = { summary: parsed.summary as CorpusSummary, senders: parsed.senders as Sender[] };
    async function* fromFile(): AsyncGenerator<Batch> {
      const fd = openSync(bin!, 'r');
      try {
        let carry = Buffer.alloc(0);
        const chunk = Buffer.allocUnsafe(8 * 1024 * 1024);
        for (;;) {
          const read = readSync(fd, chunk, 0, chunk.length, null);
          if (read === 0) break;
          const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, read)]) : Buffer.from(chunk.subarray(0, read));
          let end = 0;
          while (end + HEADER <= data.length && end + HEADER + data.readUInt32LE(end) <= data.length)
            end += HEADER + data.readUInt32LE(end);
          if (end > 0) yield { buf: data.subarray(0, end), senders: stored.senders };
          carry = Buffer.from(data.subarray(end));
          await new Promise((r) => setImmediate(r));
        }
        if (carry.length) throw new Error(`${bin}: ${carry.length} bytes of an incomplete record at the end`);
      } finally {
        closeSync(fd);
      }
    }
    return { batches: fromFile(), summary: Promise.resolve(stored.summary), cached: true, file: bin };
  }

  let resolveSummary!: (s: CorpusSummary) => void;
  let rejectSummary!: (e: Error) => void;
  const summary = new Promise<CorpusSummary>((res, rej) => ((resolveSummary = res), (rejectSummary = rej)));
  summary.catch(() => undefined);
  async function* fromWorker(): AsyncGenerator<Batch> {
    const worker = new Worker(__filename, {
      workerData: { pipelineCorpus: { n, scale, root, year } satisfies WorkerInput },
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    const queue: WorkerMessage[] = [];
    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    worker.on('message', (m: WorkerMessage) => {
      queue.push(m);
      wake?.();
    });
    worker.on('error', (e) => {
      failure = e;
      wake?.();
    });
    worker.on('exit', (code) => {
      if (code !== 0 && !failure) failure = new Error(`the corpus worker exited with ${code}`);
      wake?.();
    });
    let fd: number | null = null;
    if (dir && bin) {
      mkdirSync(dir, { recursive: true });
      // older corpora of this size (another code hash) are of no further use
      for (const f of readdirSync(dir)) if (f.startsWith(`pipeline-${n}-`)) rmSync(join(dir, f), { force: true });
      fd = openSync(`${bin}.partial`, 'w');
    }
    const senders: Sender[] = [];
    try {
      for (;;) {
        const m = queue.shift();
        if (!m) {
          if (failure) throw failure;
          await new Promise<void>((r) => (wake = r));
          wake = null;
          continue;
        }
        if (m.kind === 'error') throw new Error(m.message);
        if (m.kind === 'done') {
          if (fd !== null) {
            closeSync(fd);
            fd = null;
            renameSync(`${bin}.partial`, bin!);
            writeFileSync(meta!, JSON.stringify({ summary: m.summary, senders }));
          }
          resolveSummary(m.summary);
          return;
        }
        senders.push(...m.senders);
        const buf = Buffer.from(m.buf);
        if (fd !== null) writeSync(fd, buf);
        yield { buf, senders };
      }
    } catch (error) {
      rejectSummary(error as Error);
      throw error;
    } finally {
      if (fd !== null) {
        closeSync(fd);
        rmSync(`${bin}.partial`, { force: true });
      }
      await worker.terminate();
    }
  }
  return { batches: fromWorker(), summary, cached: false, file: bin };
}
