import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSUMER_PREFIXES, ConfigError, SETTINGS, authSecret, consumerOverrides, kafkaBrokers, setting } from './config';

const root = join(__dirname, '..', '..', '..');

describe('setting: every other setting, typed, validated, with its default', () => {
  it('gives the documented defaults', () => {
    expect(setting('HTTP_HOST', {})).toBe('127.0.0.1');
    expect(setting('OUTBOX_RELAY_INTERVAL_MS', {})).toBe(1000);
    expect(setting('HEALTH_TIMEOUT_MS', {})).toBe(2000);
    expect(setting('INGEST_CONSUMER', {})).toBe(true);
    expect(setting('DATABASE_SCHEMA', {})).toBeUndefined();
    expect(setting('TRAJECTWACHT_TOPIC_PREFIX', {})).toBe('');
    expect(setting('MONITOR_URL', {})).toBe('http://127.0.0.1:3000');
    expect(setting('SIGNALS_PORT', {})).toBe(3003);
    expect(setting('BULLMQ_PREFIX', { BULLMQ_PREFIX: '' })).toBe('trajectwacht');
  });

  it('reads the values given', () => {
    expect(setting('WEBHOOK_ATTEMPTS', { WEBHOOK_ATTEMPTS: '2' })).toBe(2);
    expect(setting('INGEST_CONSUMER', { INGEST_CONSUMER: 'off' })).toBe(false);
    expect(setting('MONITOR_URL', { MONITOR_URL: 'https://monitor.example.nl/' })).toBe('https://monitor.example.nl');
    expect(setting('TRAJECTWACHT_TOPIC_PREFIX', { TRAJECTWACHT_TOPIC_PREFIX: 'test.' })).toBe('test.');
  });

  it.each([
    ['WEBHOOK_ATTEMPTS', 'two', 'WEBHOOK_ATTEMPTS must be a whole number from 1 to 100, got "two"'],
    ['MONITOR_MIN_COUNT', '0', 'MONITOR_MIN_COUNT must be a whole number from 1 to 1000000, got "0"'],
    ['SIGNALS_PORT', '70000', 'SIGNALS_PORT must be a whole number from 0 to 65535, got "70000"'],
    ['INGEST_CONSUMER', 'maybe', 'INGEST_CONSUMER must be true/on or false/off, got "maybe"'],
    ['MONITOR_URL', 'monitor.example.nl', 'MONITOR_URL must be an absolute http(s) URL, got "monitor.example.nl"'],
  ] as const)('refuses %s=%s with the reason', (name, value, message) => {
    expect(() => setting(name, { [name]: value })).toThrow(ConfigError);
    expect(() => setting(name, { [name]: value })).toThrow(message);
  });

  it('reads per-consumer overrides', () => {
    expect(consumerOverrides('TRAJECTORY', {})).toEqual({ fromBeginning: true });
    expect(
      consumerOverrides('SIGNAL', {
        SIGNAL_GROUP_ID: 'g',
        SIGNAL_SOURCE_TOPIC: 't',
        SIGNAL_FROM_BEGINNING: 'false',
        SIGNAL_CHUNK_SIZE: '200',
      }),
    ).toEqual({ groupId: 'g', topic: 't', fromBeginning: false, chunkSize: 200 });
    expect(() => consumerOverrides('INGEST', { INGEST_CHUNK_SIZE: 'many' })).toThrow('INGEST_CHUNK_SIZE must be a whole number');
  });

  it('gives the brokers and the token key to tools without a database', () => {
    expect(kafkaBrokers({})).toEqual(['127.0.0.1:9092']);
    expect(kafkaBrokers({ KAFKA_BROKERS: 'a:1, b:2' })).toEqual(['a:1', 'b:2']);
    expect(authSecret({})).toBeUndefined();
    expect(() => authSecret({ AUTH_SECRET: 'short' })).toThrow('AUTH_SECRET must be at least 32 characters long');
  });
});

describe('the documentation of the settings stays true', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('README.md lists the SETTINGS table as config.ts has it', () => {
    const block = /<!-- settings:start -->\n([\s\S]*?)<!-- settings:end -->/.exec(readme)?.[1] ?? '';
    const rows = Object.entries(SETTINGS).map(([name, s]) => `| \`${name}\` | ${s.fallback} | ${s.doc} |`);
    expect(block.trim().split('\n').slice(2)).toEqual(rows);
  });

  it('README.md names every variable loadConfig reads, and the consumer prefixes', () => {
    const source = readFileSync(join(__dirname, 'config.ts'), 'utf8');
    const read = new Set(
      [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g), ...source.matchAll(/\(env, '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!),
    );
    expect(read.size).toBeGreaterThan(10);
    for (const name of read) expect([name, readme.includes(`\`${name}\``)]).toEqual([name, true]);
    for (const prefix of CONSUMER_PREFIXES) expect([prefix, readme.includes(`\`${prefix}\``)]).toEqual([prefix, true]);
  });

  it("no production file of apps/ or libs/ reads process.env except config.ts (kafka.ts only sets kafkajs's own switch)", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules') walk(p);
        } else if (e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name)) {
          const rel = p.slice(root.length + 1);
          if (rel === 'libs/platform/src/config.ts') continue;
          readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (
                /process\.env\b/.test(line) &&
                !/^\s*(\/\/|\*)/.test(line) &&
                !(rel === 'libs/platform/src/kafka.ts' && line.includes('KAFKAJS_NO_PARTITIONER_WARNING'))
              )
                offenders.push(`${rel}:${i + 1}`);
            });
        }
      }
    };
    walk(join(root, 'apps'));
    walk(join(root, 'libs'));
    expect(offenders).toEqual([]);
  });
});
