import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afzenderId } from '@trajectwacht/ijw';
import { runValidate } from './validate';
import { TOPICS, clientCredentialsToken, createKafka, issueToken, loadConfig, type Principal } from '@trajectwacht/platform';
import { decodeWith, encodeBerichtRecord, object, optional, string } from '@trajectwacht/contracts';

/** What the CLI reads of a bericht in the JSON form to know its sender (the platform checks the rest). */
const HEADER_OF_JSON_FORM = object({ header: optional(object({ berichtCode: optional(string), afzender: optional(string) })) });

const USAGE = `trajectwacht — command line tools

  trajectwacht validate FILE... [--json] [--today YYYY-MM-DD]
      Reads and checks iJw 3.2 berichten exactly as the platform does (structure, rules within the bericht, system
      date and codelists), without any infrastructure, and prints per file the retour bericht it would send
      (--json: with the Dutch explanation per finding). Rules that need earlier berichten are skipped and named.
      Exit 0: every bericht accepted; 1: any refused; 2: a file cannot be read or holds no bericht.

  trajectwacht publish FILE... [--token TOKEN | --sign-as-sender] [--via kafka|http] [--url URL]
      Sends iJw berichten: a .xml file is one iJw XML bericht; any other file is JSON lines (one bericht in the
      JSON form per line).
      --token           the organisation's access token (or env TRAJECTWACHT_TOKEN)
      --sign-as-sender  sign each message as its own sender (gemeente for JW301, aanbieder for JW305/JW307);
                        needs AUTH_SECRET, meant for demo data and the simulator
      --via kafka       produce to ${TOPICS.berichten} (default); --via http posts to URL/api/v1/berichten

  trajectwacht token --role toegang --gemeente 0034 [--beheerder] | --role aanbieder --agb 12345678
                     | --role regio --regio NAME --gemeenten 0034,0995 | --role beheer  [--sub NAME] [--ttl SECONDS]
      Issues an access token signed with AUTH_SECRET (the demo mode only; see docs/security.md).

  trajectwacht token --client-credentials --issuer URL --client-id ID [--client-secret SECRET] [--resource AUDIENCE]
                     [--scope SCOPES]
      Gets an access token from the OpenID provider by OAuth2 client credentials, as a gemeente's or provider's
      system does (the secret also from env TRAJECTWACHT_CLIENT_SECRET; --resource: the APIs' OIDC_AUDIENCE).
`;

/** `token --client-credentials`: an access token of the OpenID provider for this system (docs/security.md). */
export async function clientCredentialsFromFlags(
  flags: Record<string, string | true>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const text = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  const issuer = text('issuer');
  const clientId = text('client-id');
  const clientSecret = text('client-secret') ?? env.TRAJECTWACHT_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret)
    fail('token --client-credentials needs --issuer URL, --client-id ID and --client-secret (or TRAJECTWACHT_CLIENT_SECRET)');
  const resource = text('resource');
  const scope = text('scope');
  const token = await clientCredentialsToken({
    issuer: issuer!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    ...(resource ? { resource } : {}),
    ...(scope ? { scope } : {}),
  });
  return token.accessToken;
}

function args(argv: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags[a.slice(2)] = next;
        i++;
      } else flags[a.slice(2)] = true;
    } else positional.push(a);
  }
  return { positional, flags };
}

function fail(message: string): never {
  process.stderr.write(`trajectwacht: ${message}\n`);
  process.exit(2);
}

function principalFromFlags(flags: Record<string, string | true>): Principal {
  const sub = typeof flags.sub === 'string' ? flags.sub : 'cli';
  switch (flags.role) {
    case 'toegang':
      if (typeof flags.gemeente !== 'string') fail('--role toegang needs --gemeente CODE');
      // --beheerder: the gemeente's toegang beheerder, who reads the access log (docs/security.md)
      return { role: 'toegang', gemeente: flags.gemeente, sub, ...(flags.beheerder === true ? { beheerder: true } : {}) };
    case 'aanbieder':
      if (typeof flags.agb !== 'string') fail('--role aanbieder needs --agb CODE');
      return { role: 'aanbieder', agb: flags.agb, sub };
    case 'regio':
      if (typeof flags.regio !== 'string' || typeof flags.gemeenten !== 'string')
        fail('--role regio needs --regio NAME --gemeenten 0034,0995');
      return { role: 'regio', regio: flags.regio, gemeenten: flags.gemeenten.split(','), sub };
    case 'beheer':
      return { role: 'beheer', sub };
    default:
      fail('--role must be toegang, aanbieder, regio or beheer');
  }
}

interface Payload {
  source: string;
  value: string;
  sender?: Principal;
}

/** Splits files into payloads; for --sign-as-sender, reads the sender from each message. */
export function readPayloads(files: string[]): Payload[] {
  const payloads: Payload[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (file.toLowerCase().endsWith('.xml') || text.trimStart().startsWith('<')) {
      // The sender is the header's Afzender: a gemeente for a JW301 (namespace …/jw301/schema), else an aanbieder.
      const code = /istandaarden\.nl\/ijw\/3_2\/(jw30[157])\/schema/i.exec(text)?.[1]?.toUpperCase();
      const afzender = /<(?:[\w.-]+:)?Afzender>\s*([0-9]+)\s*</.exec(text)?.[1];
      const sender: Principal | undefined = afzender
        ? code === 'JW301'
          ? { role: 'toegang', gemeente: afzender, sub: 'cli' }
          : { role: 'aanbieder', agb: afzender, sub: 'cli' }
        : undefined;
      payloads.push({ source: basename(file), value: text, sender });
      continue;
    }
    text.split(/\r?\n/).forEach((line, index) => {
      if (!line.trim()) return;
      let sender: Principal | undefined;
      try {
        const m = decodeWith('the JSON form', HEADER_OF_JSON_FORM, JSON.parse(line));
        const afzender = m.header?.afzender;
        if (afzender)
          sender =
            m.header?.berichtCode === '436'
              ? { role: 'toegang', gemeente: afzender, sub: 'cli' }
              : { role: 'aanbieder', agb: afzender, sub: 'cli' };
      } catch {
        // sent as it is: the platform refuses it with a foutmelding
      }
      payloads.push({ source: `${basename(file)}:${index + 1}`, value: line, sender });
    });
  }
  return payloads;
}

async function publish(files: string[], flags: Record<string, string | true>): Promise<void> {
  if (files.length === 0) fail('publish needs at least one FILE');
  const payloads = readPayloads(files);
  const signAsSender = flags['sign-as-sender'] === true;
  const fixedToken = typeof flags.token === 'string' ? flags.token : process.env.TRAJECTWACHT_TOKEN;
  if (!signAsSender && !fixedToken) fail('give --token TOKEN (or TRAJECTWACHT_TOKEN), or --sign-as-sender with AUTH_SECRET set');
  const secret = process.env.AUTH_SECRET;
  if (signAsSender && !secret) fail('--sign-as-sender needs AUTH_SECRET');
  const tokens = new Map<string, string>();
  const senderKey = (p: Payload): string | null => {
    if (!p.sender) return null;
    if (p.sender.role === 'toegang') return afzenderId({ role: 'toegang', gemeente: p.sender.gemeente });
    if (p.sender.role === 'aanbieder') return afzenderId({ role: 'aanbieder', agb: p.sender.agb });
    return p.sender.role;
  };
  const tokenFor = (p: Payload): string => {
    if (!signAsSender || !p.sender) return fixedToken ?? '';
    const key = senderKey(p)!;
    if (!tokens.has(key)) tokens.set(key, issueToken(p.sender, secret!, 3600));
    return tokens.get(key)!;
  };

  if (flags.via === 'http') {
    const url = `${typeof flags.url === 'string' ? flags.url : 'http://127.0.0.1:3001'}/api/v1/berichten`;
    let rejected = 0;
    for (const p of payloads) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokenFor(p)}`,
          'content-type': p.value.trimStart().startsWith('<') ? 'application/xml' : 'application/json',
        },
        body: p.value,
      });
      const body = await res.text();
      if (res.status !== 200 && res.status !== 202) {
        rejected++;
        process.stdout.write(`${p.source}: HTTP ${res.status} ${body}\n`);
      }
    }
    process.stdout.write(`sent ${payloads.length} payload(s) over HTTP; ${payloads.length - rejected} received, ${rejected} refused\n`);
    return;
  }

  const config = { kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',') };
  const producer = createKafka(config, 'trajectwacht-cli').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < payloads.length; i += 500) {
      const chunk = payloads.slice(i, i + 500);
      await producer.send({
        topic: TOPICS.berichten,
        acks: -1,
        messages: chunk.map((p) => encodeBerichtRecord({ key: senderKey(p), bericht: p.value, token: tokenFor(p), bron: 'cli' })),
      });
    }
    process.stdout.write(
      `produced ${payloads.length} payload(s) to ${TOPICS.berichten}; results appear on ${TOPICS.geaccepteerd} and ${TOPICS.retour}\n`,
    );
  } finally {
    await producer.disconnect();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { positional, flags } = args(rest);
  switch (command) {
    case 'publish':
      return publish(positional, flags);
    case 'validate': {
      if (positional.length === 0) fail('validate needs at least one FILE');
      const today = typeof flags.today === 'string' ? flags.today : undefined;
      process.exitCode = runValidate(positional, { json: flags.json === true, today }, (text) => process.stdout.write(text));
      return;
    }
    case 'token': {
      if (flags['client-credentials'] === true) {
        process.stdout.write(`${await clientCredentialsFromFlags(flags)}\n`);
        return;
      }
      const secret = loadConfig({ ...process.env, PSEUDONYM_SECRET: process.env.PSEUDONYM_SECRET ?? 'x'.repeat(32) }).authSecret;
      const ttl = typeof flags.ttl === 'string' ? Number(flags.ttl) : 8 * 3600;
      process.stdout.write(issueToken(principalFromFlags(flags), secret, ttl) + '\n');
      return;
    }
    default:
      process.stdout.write(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exit(2);
  }
}

// Run when started as the CLI: `node tools/cli/trajectwacht.js`, `npx trajectwacht` (a link named .bin/trajectwacht),
// or this compiled file directly.
if (require.main === module || /[\\/]trajectwacht(\.js)?$/.test(process.argv[1] ?? '')) {
  main().catch((error) => fail((error as Error).message));
}
