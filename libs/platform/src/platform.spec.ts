import { AuthError, ConfigError, issueToken, loadConfig, outboxSends, redact, verifyToken, type Principal } from '@trajectwacht/platform';

const SECRET = 'unit-test-secret-that-is-long-enough-000';

describe('verifyToken', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  const principals: Principal[] = [
    { role: 'toegang', gemeente: '0034', sub: 'w' },
    { role: 'aanbieder', agb: '12345678', sub: 'p' },
    { role: 'regio', regio: 'flevoland', gemeenten: ['0034', '0995'], sub: 'r' },
    { role: 'beheer', sub: 'b' },
  ];
  it.each(principals.map((p) => [p]))('round-trips %j', (principal) => {
    expect(verifyToken(`Bearer ${issueToken(principal, SECRET, 60, now)}`, SECRET, now)).toEqual(principal);
  });

  it.each([
    ['missing', undefined, /no access token/],
    ['not a JWT', 'abc', /not a JWT/],
    ['expired', issueToken({ role: 'beheer', sub: 'b' }, SECRET, 60, now - 61_000), /expired/],
    ['wrong secret', issueToken({ role: 'beheer', sub: 'b' }, 'another-secret-that-is-long-enough-0000', 60, now), /signature/],
    ['toegang without gemeente', issueToken({ role: 'toegang', gemeente: '34', sub: 'w' }, SECRET, 60, now), /4-digit gemeente/],
    ['aanbieder without agb', issueToken({ role: 'aanbieder', agb: 'x', sub: 'p' }, SECRET, 60, now), /8-digit agb/],
  ])('refuses a token that is %s', (_name, token, reason) => {
    expect(() => verifyToken(token, SECRET, now)).toThrow(AuthError);
    expect(() => verifyToken(token, SECRET, now)).toThrow(reason);
  });

  it('refuses a token whose claims were changed after signing', () => {
    const token = issueToken({ role: 'toegang', gemeente: '0034', sub: 'w' }, SECRET, 60, now);
    const [h, , s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ role: 'toegang', gemeente: '0363', sub: 'w', iss: 'trajectwacht', iat: 0, exp: 9e9 }),
    ).toString('base64url');
    expect(() => verifyToken(`${h}.${forged}.${s}`, SECRET, now)).toThrow(/signature/);
  });
});

describe('loadConfig', () => {
  const base = { PSEUDONYM_SECRET: 'p'.repeat(32), AUTH_SECRET: 'a'.repeat(32) };
  it('has sensible defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      kafkaBrokers: ['127.0.0.1:9092'],
      redisUrl: 'redis://127.0.0.1:6379',
      maxMessageBytes: 262144,
      consumerRetryBudget: 5,
    });
  });
  it('refuses missing or short secrets and bad numbers, naming each problem', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({ AUTH_SECRET: 'short', MAX_MESSAGE_BYTES: '-1', LOG_LEVEL: 'loud' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PSEUDONYM_SECRET is not set/);
      expect(problems).toMatch(/AUTH_SECRET must be at least 32/);
      expect(problems).toMatch(/MAX_MESSAGE_BYTES must be a positive integer/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });
});

describe('redact', () => {
  it('masks every nine-digit run (a BSN shape) and leaves other numbers alone', () => {
    expect(redact('bsn 123456782 in {"bsn":"999999990"}')).toBe('bsn ********* in {"bsn":"*********"}');
    expect(redact('offset 1234567890 and 12345678 and 2025-01-01')).toBe('offset 1234567890 and 12345678 and 2025-01-01');
  });
});

describe('outboxSends', () => {
  const row = (i: number, size: number, topic = 't') => ({
    id: String(i),
    topic,
    message_key: `k${i % 3}`,
    payload: 'x'.repeat(size),
    headers: {},
  });

  it('splits rows into consecutive sends under the byte bound, keeping their order; a row above the bound goes alone', () => {
    const rows = [...Array.from({ length: 50 }, (_, i) => row(i, 30_000, i % 2 ? 'a' : 'b')), row(50, 700_000), row(51, 10)];
    const sends = outboxSends(rows, 100_000);
    const flattened = sends.flatMap((send) => [...send.values()].flat().map((m) => m.value.length));
    expect(flattened.length).toBe(rows.length);
    for (const send of sends) {
      const bytes = [...send.values()].flat().reduce((sum, m) => sum + m.value.length, 0);
      expect(bytes <= 100_000 || (send.size === 1 && [...send.values()][0]!.length === 1)).toBe(true);
    }
    // per topic, the order of the rows is kept across sends
    for (const topic of ['a', 'b', 't']) {
      const keys = sends.flatMap((send) => send.get(topic) ?? []).map((m) => m.key);
      expect(keys).toEqual(rows.filter((r) => r.topic === topic).map((r) => r.message_key));
    }
    expect(
      sends.some((send) => [...send.values()].flat().some((m) => m.value.length === 700_000) && [...send.values()].flat().length === 1),
    ).toBe(true);
  });

  it('keeps a whole relay batch of small rows in one send', () => {
    expect(outboxSends(Array.from({ length: 2000 }, (_, i) => row(i, 100)))).toHaveLength(1);
  });
});
