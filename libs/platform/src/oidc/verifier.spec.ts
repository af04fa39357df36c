import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { AuthError, AuthUnavailableError, issueToken } from '../auth';
import { isTransientError } from '../batch-consumer';
import { ConfigError, loadConfig } from '../config';
import { DEFAULT_CLAIM_MAPPING } from './claims';
import type { AuthSettings } from './types';
import { TokenVerifier } from './verifier';

const SECRET = 'verifier-spec-secret-0000000000000000000';
const AUDIENCE = 'urn:trajectwacht:api';

/**
 * The verifier's decisions and its reasons, against a key set served over HTTP in this process (discovery document +
 * JWKS, as a provider publishes them). The real provider (oidc-provider) is exercised by test/security/oidc.e2e-spec.ts.
 */
describe('TokenVerifier', () => {
  let server: Server;
  let issuer: string;
  let published: JWK[] = [];
  let jwksFetches = 0;
  const keys: Record<string, KeyLike> = {};

  beforeAll(async () => {
    for (const kid of ['a', 'b', 'c']) {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      keys[kid] = privateKey;
      keys[`${kid}.public`] = publicKey;
    }
    published = [{ ...(await exportJWK(keys['a.public']!)), kid: 'a', alg: 'RS256', use: 'sig' }];
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === '/jwks') {
        jwksFetches++;
        res.end(JSON.stringify({ keys: published }));
      } else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const settings = (over: Partial<AuthSettings> = {}): AuthSettings => ({
    demo: true,
    connectSrc: [],
    oidc: {
      issuer,
      audience: AUDIENCE,
      algorithms: ['RS256'],
      claims: DEFAULT_CLAIM_MAPPING,
      jwksCooldownMs: 100,
      jwksCacheMaxAgeMs: 600_000,
      clockToleranceSeconds: 0,
      scope: 'openid',
    },
    ...over,
  });
  const sign = (kid: string, claims: Record<string, unknown> = {}, opts: { iss?: string; aud?: string; exp?: string | number } = {}) =>
    new SignJWT({ role: 'toegang', gemeente: '0034', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? AUDIENCE)
      .setSubject('systeem-almere')
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(keys[kid]!);

  it("accepts the provider's token: the Principal from its claims and when it expires", async () => {
    const verifier = new TokenVerifier(settings(), SECRET);
    const result = await verifier.verify(`Bearer ${await sign('a')}`);
    expect(result).toMatchObject({ principal: { role: 'toegang', gemeente: '0034', sub: 'systeem-almere' }, source: 'oidc' });
    expect(result.expiresAt).toBeGreaterThan(Date.now());
  });

  it.each([
    ['no token', async () => undefined, /no access token/],
    ['not a JWT', async () => 'abc', /not a JWT/],
    [
      'another issuer',
      () => sign('a', {}, { iss: 'https://elders.example' }),
      /not issued by http:\/\/127\.0\.0\.1:\d+ \(iss: https:\/\/elders/,
    ],
    [
      'another audience',
      () => sign('a', {}, { aud: 'urn:elders' }),
      /not meant for this API: audience "urn:elders", expected "urn:trajectwacht:api"/,
    ],
    ['expired', () => sign('a', {}, { exp: Math.floor(Date.now() / 1000) - 5 }), /the access token has expired/],
    ['without a role', () => sign('a', { role: undefined }), /no Trajectwacht role/],
    ['an unknown key', () => sign('c'), /signed with a key \(kid c\) that http:\/\/127\.0\.0\.1:\d+ does not publish/],
    [
      'a forged signature',
      async () => {
        const [head, body] = (await sign('a', { gemeente: '0363' })).split('.');
        return `${head}.${body}.${(await sign('a')).split('.')[2]}`;
      },
      /signature is invalid/,
    ],
  ])('refuses %s with the reason', async (_what, token, reason) => {
    const verifier = new TokenVerifier(settings(), SECRET);
    const error = await verifier.verify(await token()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(reason);
  });

  it('refuses an algorithm outside the allow-list, before any key is looked up', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ role: 'beheer' })
      .setProtectedHeader({ alg: 'ES256', kid: 'a' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(new TokenVerifier(settings(), SECRET).verify(token)).rejects.toThrow(/signed with ES256; accepted: RS256/);
  });

  it('a key id it does not know makes it fetch the JWKS again (after the cooldown): a rotated key is accepted', async () => {
    const verifier = new TokenVerifier(settings(), SECRET);
    await verifier.verify(await sign('a'));
    const before = jwksFetches;
    published = [{ ...(await exportJWK(keys['b.public']!)), kid: 'b', alg: 'RS256', use: 'sig' }, ...published];
    await new Promise((r) => setTimeout(r, 150));
    await expect(verifier.verify(await sign('b'))).resolves.toMatchObject({ principal: { gemeente: '0034' } });
    expect(jwksFetches).toBe(before + 1);
    await verifier.verify(await sign('b')); // known now: no fetch
    expect(jwksFetches).toBe(before + 1);
  });

  it('the demo mode: the local HS256 tokens only while it is on; without an issuer only those', async () => {
    const local = issueToken({ role: 'aanbieder', agb: '12345678', sub: 'demo' }, SECRET);
    await expect(new TokenVerifier(settings(), SECRET).verify(local)).resolves.toMatchObject({
      source: 'demo',
      principal: { agb: '12345678' },
    });
    await expect(new TokenVerifier(settings({ demo: false }), SECRET).verify(local)).rejects.toThrow(
      /local \(HS256\) tokens are accepted only in the demo mode \(AUTH_DEMO\): sign in with http/,
    );
    await expect(new TokenVerifier({ demo: true, connectSrc: [] }, SECRET).verify(await sign('a'))).rejects.toThrow(
      /signed with RS256; without OIDC_ISSUER only the demo's own HS256 tokens are accepted/,
    );
  });

  it('an unreachable provider is an outage (AuthUnavailableError, retried by the consumers), not a refusal', async () => {
    const down = settings();
    down.oidc!.issuer = 'http://127.0.0.1:9';
    const token = await sign('a', {}, { iss: 'http://127.0.0.1:9' });
    const error = await new TokenVerifier(down, SECRET).verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthUnavailableError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect(isTransientError(error)).toBe(true);
  });
});

describe('the OIDC settings (loadConfig)', () => {
  const base = { PSEUDONYM_SECRET: 'p'.repeat(32), AUTH_SECRET: 's'.repeat(32) };

  it('default: the demo mode alone, connect-src only self', () => {
    expect(loadConfig(base).auth).toEqual({ demo: true, connectSrc: [] });
  });

  it('an issuer with its claims; the dashboard client adds the issuer origin to connect-src', () => {
    const auth = loadConfig({
      ...base,
      OIDC_ISSUER: 'https://login.gemeente.nl/realms/jeugd',
      OIDC_AUDIENCE: 'urn:trajectwacht:api',
      OIDC_CLAIM_ROLE: 'realm_access.roles',
      OIDC_ROLE_VALUES: 'jeugd-toegang=toegang',
      OIDC_REGIO_GEMEENTEN: 'flevoland=0034 0995',
      OIDC_CLIENT_ID: 'trajectwacht-dashboard',
    }).auth!;
    expect(auth.oidc).toMatchObject({
      issuer: 'https://login.gemeente.nl/realms/jeugd',
      algorithms: ['RS256', 'PS256', 'ES256'],
      claims: { role: 'realm_access.roles', roleValues: { 'jeugd-toegang': 'toegang' }, regioGemeenten: { flevoland: ['0034', '0995'] } },
      clientId: 'trajectwacht-dashboard',
      jwksCooldownMs: 30_000,
    });
    expect(auth.connectSrc).toEqual(['https://login.gemeente.nl']);
  });

  it('refuses a set-up in which nobody could sign in, an issuer without audience, a symmetric algorithm', () => {
    expect(() => loadConfig({ ...base, AUTH_DEMO: 'off' })).toThrow(/AUTH_DEMO is off and OIDC_ISSUER is not set/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'https://idp.example' })).toThrow(/OIDC_AUDIENCE must be set/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'https://idp.example', OIDC_AUDIENCE: 'a', OIDC_ALGORITHMS: 'HS256' })).toThrow(
      ConfigError,
    );
  });

  it('with the demo mode off AUTH_SECRET is not needed', () => {
    const config = loadConfig({
      PSEUDONYM_SECRET: 'p'.repeat(32),
      AUTH_DEMO: 'off',
      OIDC_ISSUER: 'https://idp.example',
      OIDC_AUDIENCE: 'a',
    });
    expect(config.authSecret).toBe('');
    expect(config.auth?.demo).toBe(false);
  });
});
