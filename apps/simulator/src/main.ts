import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { dutchDate } from '@trajectwacht/ijw';
import { TOPICS, authSecret, createKafka, issueToken, kafkaBrokers, type Principal } from '@trajectwacht/platform';
import { encodeBerichtRecord, type BerichtRecord } from '@trajectwacht/contracts';
import { getRegion, senderKey, simulateBerichten, type SimSender, type SimulatedBericht } from '@trajectwacht/simulator';

const USAGE = `trajectwacht simulator — calibrated iJw message traffic (docs/simulator.md)

  generate --region flevoland|national --seed N --from YYYY-MM-DD --to YYYY-MM-DD [--scale X] [--verzoeken false] --out FILE.jsonl
      Writes the iJw 3.2 berichten in time order as JSON lines, each line the JSON form of one XSD-valid bericht
      (the exact camelCase mapping of its XML; publish with: npx trajectwacht publish FILE --sign-as-sender).

  stream --region flevoland|national --seed N [--rate MSGS_PER_SEC] [--speedup X] [--duration SECONDS]
         [--history-days D] [--live-days L] [--scale X] [--verzoeken false]
      Publishes iJw 3.2 XML berichten to ${TOPICS.berichten} (KAFKA_BROKERS, tokens signed with AUTH_SECRET per sender):
      first the history window (today − D days … today − L days, default D=400, L=14) as fast as possible,
      then the last L days at --rate messages per second (default 2; with --speedup X business time runs at most
      X times real time), then follows the real clock. Never sends a message dated after the real current time.
      Stops after --duration seconds (default: runs until SIGINT/SIGTERM).

  Both include the request side (JW315 verzoek om toewijzing with its Verwijzer, JW317 verzoek om wijziging, the
  gemeente's JW319 antwoorden); --verzoeken false leaves it out (JW301/JW305/JW307 only).
`;

type Flags = Record<string, string | true>;

function parseArgs(argv: string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) fail(`unexpected argument "${a}"`);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags[a.slice(2)] = next;
      i++;
    } else flags[a.slice(2)] = true;
  }
  return flags;
}

function fail(message: string): never {
  process.stderr.write(`simulator: ${message}\n${USAGE}`);
  process.exit(2);
}

function str(flags: Flags, name: string, fallback?: string): string {
  const v = flags[name];
  if (typeof v === 'string') return v;
  if (fallback !== undefined) return fallback;
  fail(`--${name} is required`);
}

function num(flags: Flags, name: string, fallback?: number): number {
  const v = flags[name];
  if (v === undefined && fallback !== undefined) return fallback;
  const n = Number(typeof v === 'string' ? v : NaN);
  if (!Number.isFinite(n)) fail(`--${name} must be a number`);
  return n;
}

function date(flags: Flags, name: string): string {
  const v = str(flags, name);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) fail(`--${name} must be YYYY-MM-DD`);
  return v;
}

const log = (line: string): void => {
  process.stderr.write(`[simulator] ${new Date().toISOString()} ${line}\n`);
};

function countLine(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort()
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

async function generate(flags: Flags): Promise<void> {
  const region = getRegion(str(flags, 'region', 'flevoland'));
  const seed = num(flags, 'seed', 1);
  const from = date(flags, 'from');
  const to = date(flags, 'to');
  const scale = num(flags, 'scale', 1);
  const out = str(flags, 'out');
  const verzoeken = str(flags, 'verzoeken', 'true') !== 'false';
  const file = createWriteStream(out, { encoding: 'utf8' });
  const counts: Record<string, number> = {};
  const started = Date.now();
  let n = 0;
  let buffer: string[] = [];
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const ok = file.write(buffer.join(''));
    buffer = [];
    if (!ok) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
  };
  for (const b of simulateBerichten({ region, seed, from, to, scale, verzoeken })) {
    buffer.push(`${JSON.stringify(b.json)}\n`);
    counts[b.soort] = (counts[b.soort] ?? 0) + 1;
    n++;
    if (buffer.length >= 2000) await flush();
    if (n % 200_000 === 0) log(`generated ${n} berichten, business time ${b.at}`);
  }
  await flush();
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  log(
    `wrote ${n} berichten (${countLine(counts)}) for region ${region.id}, ${from} … ${to}, seed ${seed}, scale ${scale} ` +
      `to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function stream(flags: Flags): Promise<void> {
  const region = getRegion(str(flags, 'region', 'flevoland'));
  const seed = num(flags, 'seed', 1);
  const rate = num(flags, 'rate', 2);
  const speedup = flags.speedup === undefined ? undefined : num(flags, 'speedup');
  const durationS = flags.duration === undefined ? Infinity : num(flags, 'duration');
  const historyDays = num(flags, 'history-days', 400);
  const liveDays = Math.min(num(flags, 'live-days', 14), historyDays);
  const scale = num(flags, 'scale', 1);
  const verzoeken = str(flags, 'verzoeken', 'true') !== 'false';
  if (!(rate > 0)) fail('--rate must be positive');
  const secret = authSecret();
  if (!secret) fail('AUTH_SECRET is not set (source scripts/secrets.sh)');

  const startedAt = Date.now();
  const deadline = startedAt + durationS * 1000;
  const today = dutchDate(new Date(startedAt));
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - historyDays * 86_400_000).toISOString().slice(0, 10);
  const liveStartMs = Date.parse(`${today}T00:00:00Z`) - liveDays * 86_400_000;

  let stopping = false;
  const stop = (signal: string): void => {
    if (!stopping) log(`${signal} received: finishing the current batch and stopping`);
    stopping = true;
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const done = (): boolean => stopping || Date.now() >= deadline;

  const brokers = kafkaBrokers();
  const producer = createKafka({ kafkaBrokers: brokers }, 'trajectwacht-simulator').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  log(
    `connected to ${brokers.join(',')}; region ${region.id}, seed ${seed}, scale ${scale}; history from ${from}, ` +
      `live from ${new Date(liveStartMs).toISOString().slice(0, 10)}, rate ${rate}/s${speedup ? `, speedup ${speedup}` : ''}`,
  );

  const tokens = new Map<string, { token: string; issuedAt: number }>();
  const tokenFor = (sender: SimSender): string => {
    const key = senderKey(sender);
    const cached = tokens.get(key);
    if (cached && Date.now() - cached.issuedAt < 3600_000) return cached.token;
    const principal: Principal =
      sender.role === 'toegang'
        ? { role: 'toegang', gemeente: sender.gemeente, sub: 'simulator' }
        : { role: 'aanbieder', agb: sender.agb, sub: 'simulator' };
    const token = issueToken(principal, secret, 8 * 3600);
    tokens.set(key, { token, issuedAt: Date.now() });
    return token;
  };
  const toRecord = (m: SimulatedBericht): BerichtRecord<string> =>
    encodeBerichtRecord({
      key: senderKey(m.sender),
      // the bericht as real systems send it: iJw 3.2 XML (XSD-valid; libs/simulator toBerichten)
      bericht: m.xml,
      token: tokenFor(m.sender),
      bron: 'simulator',
      // The record time is the business time the message was sent: the platform's clocks follow it, so a history
      // published in seconds produces the same trajectories and alerts as if it had arrived day by day.
      sentAt: Math.min(Date.parse(m.at), Date.now()),
    });

  const counts: Record<string, number> = {};
  let sent = 0;
  let lastAt = '';
  let lastLog = Date.now();
  const progress = (phase: string, force = false): void => {
    if (!force && Date.now() - lastLog < 5000) return;
    lastLog = Date.now();
    log(`${phase}: sent ${sent} (${countLine(counts)}), business time ${lastAt || '-'}`);
  };
  const send = async (batch: SimulatedBericht[]): Promise<void> => {
    if (batch.length === 0) return;
    await producer.send({ topic: TOPICS.berichten, acks: -1, messages: batch.map(toRecord) });
    for (const m of batch) counts[m.soort] = (counts[m.soort] ?? 0) + 1;
    sent += batch.length;
    lastAt = batch[batch.length - 1]!.at;
  };

  const iterator = simulateBerichten({ region, seed, from, scale, verzoeken })[Symbol.iterator]();
  let pending: SimulatedBericht | undefined;
  try {
    // 1. history, as fast as the broker takes it
    let batch: SimulatedBericht[] = [];
    for (;;) {
      if (done()) break;
      const next = iterator.next();
      if (next.done) break;
      if (Date.parse(next.value.at) >= liveStartMs) {
        pending = next.value;
        break;
      }
      batch.push(next.value);
      if (batch.length >= 500) {
        await send(batch);
        batch = [];
        progress('history');
      }
    }
    await send(batch);
    progress('history done', true);

    // 2. live: paced by --rate (and --speedup), never ahead of the real clock
    const liveBegan = Date.now();
    let nextSlot = Date.now();
    let waitingLogged = false;
    while (!done()) {
      const m = pending ?? iterator.next().value;
      pending = undefined;
      if (!m) break;
      const atMs = Date.parse(m.at);
      for (;;) {
        const now = Date.now();
        const businessClock = speedup ? liveStartMs + (now - liveBegan) * speedup : Infinity;
        const due = Math.max(nextSlot, atMs > now ? atMs : 0, businessClock < atMs ? now + (atMs - businessClock) / speedup! : 0);
        if (due <= now || done()) break;
        if (atMs > now && !waitingLogged) {
          log(`caught up with the real clock; next message at ${m.at}`);
          waitingLogged = true;
        }
        await sleep(Math.min(due - now, 1000));
      }
      if (done()) {
        pending = m;
        break;
      }
      waitingLogged = false;
      await send([m]);
      nextSlot = Math.max(nextSlot + 1000 / rate, Date.now() - 1000);
      progress('live');
    }
  } finally {
    await producer.disconnect();
    log(
      `stopped: sent ${sent} messages (${countLine(counts)}) in ${((Date.now() - startedAt) / 1000).toFixed(1)} s, ` +
        `business time up to ${lastAt || '-'}`,
    );
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const flags = parseArgs(rest);
  switch (command) {
    case 'generate':
      return generate(flags);
    case 'stream':
      return stream(flags);
    default:
      process.stdout.write(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exit(2);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${(error as Error).message}\n`);
  process.exit(1);
});
