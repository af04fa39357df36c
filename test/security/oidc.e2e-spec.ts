import type { INestApplication } from '@nestjs/common';
import { SignJWT, decodeProtectedHeader, importJWK } from 'jose';
import { fromRegels, pseudonymiseBsn, writeIjwXml, type IjwBericht } from '@trajectwacht/ijw';
import { DEFAULT_CLAIM_MAPPING, clientCredentialsToken, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { createSignalsApp } from '../../apps/signals/src/app';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { clientCredentialsFromFlags } from '../../tools/cli/main';
import { testBsn } from '../support/bsn';
import { dropSchema, freshDatabase, isolateServices, testConfig, uniqueName } from '../support/infra';
import { DevOidcProvider, newSigningKey, type DevProviderConfig, type SigningKey } from '../support/oidc-provider';

const AUDIENCE = 'urn:trajectwacht:api';
const GEMEENTE = '0034';
const AGB = '12345678';
const OTHER_AGB = '87654321';
const FLEVOLAND = ['0034', '0050', '0303', '0995'];

const cc = (client_id: string, claims?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  client_id,
  client_secret: `${client_id}-secret-for-the-test-only`,
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
  ...(claims ? { claims } : {}),
  ...extra,
});

/** The provider as these tests configure it: client-credentials clients of a gemeente, two providers, a regio… */
function providerConfig(keys: SigningKey[]): DevProviderConfig {
  return {
    audience: AUDIENCE,
    otherAudiences: ['urn:elders:api'],
    keys,
    accounts: {},
    clients: [
      cc('gemeente-almere', { role: 'toegang', gemeente: GEMEENTE }),
      cc('privacy-almere', { role: 'toegang', gemeente: GEMEENTE, beheerder: true }),
      cc('zorg-een', { role: 'aanbieder', agb: AGB }),
      cc('regio-flevoland', { role: 'regio', regio: 'flevoland' }),
      cc('kortlevend', { role: 'toegang', gemeente: GEMEENTE }, { tokenTtlSeconds: 1 }),
      cc('zonder-rol', { gemeente: GEMEENTE }),
    ],
  };
}

/**
 * The APIs of every service accept the access tokens of a REAL OpenID provider (tools/oidc-dev-provider.mjs,
 * oidc-provider 9, its own process), obtained by OAuth2 client credentials as a gemeente's or provider's system does:
 * verified against the provider's JWKS found through discovery (issuer, audience, expiry, algorithm, key id), mapped
 * by the configured claims to the Principal the access policy already knows. A rotated signing key is accepted
 * without restarting the services.
 */
describe('OpenID Connect access tokens on the APIs (real provider, client credentials)', () => {
  const schema = uniqueName('oidc');
  const provider = new DevOidcProvider();
  const stranger = new DevOidcProvider(); // another issuer, same client names
  const keyA = newSigningKey('key-a');
  const keyB = newSigningKey('key-b');
  const apps: INestApplication[] = [];
  const url: Record<'ingest' | 'trajectory' | 'signals' | 'monitor', string> = { ingest: '', trajectory: '', signals: '', monitor: '' };
  let config: PlatformConfig;
  let restoreEnv: (() => void) | undefined;

  const token = (from: DevOidcProvider, clientId: string, resource = AUDIENCE) =>
    clientCredentialsToken({
      issuer: from.issuer,
      clientId,
      clientSecret: `${clientId}-secret-for-the-test-only`,
      resource,
      scope: 'api',
    }).then((t) => t.accessToken);
  const call = async (service: keyof typeof url, path: string, bearer: string, init: RequestInit = {}) => {
    const res = await fetch(`${url[service]}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, ...init.headers } });
    const text = await res.text();
    const json = (): Record<string, unknown> => {
      const body: unknown = JSON.parse(text);
      return body as Record<string, unknown>;
    };
    return { status: res.status, text, json };
  };

  beforeAll(async () => {
    await provider.start(providerConfig([keyA]));
    await stranger.start(providerConfig([newSigningKey('stranger')]));
    restoreEnv = isolateServices({ INGEST_CONSUMER: 'false' });
    config = testConfig({
      auth: {
        demo: true,
        connectSrc: [],
        oidc: {
          issuer: provider.issuer,
          audience: AUDIENCE,
          algorithms: ['RS256'],
          claims: { ...DEFAULT_CLAIM_MAPPING, regioGemeenten: { flevoland: FLEVOLAND }, beheerder: 'beheerder' },
          jwksCooldownMs: 200,
          jwksCacheMaxAgeMs: 600_000,
          clockToleranceSeconds: 0,
          scope: 'openid',
        },
      },
    });
    for (const [name, create] of [
      ['ingest', createIngestApp],
      ['trajectory', createTrajectoryApp],
      ['signals', createSignalsApp],
    ] as const) {
      const app = await create({ config, schema });
      await app.listen(0, '127.0.0.1');
      url[name] = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      apps.push(app);
    }
    const monitor = await createMonitorApp({ config, schema, settings: { trajectoryUrl: url.trajectory, signalsUrl: url.signals } });
    await monitor.listen(0, '127.0.0.1');
    url.monitor = (await monitor.getUrl()).replace('[::1]', '127.0.0.1');
    apps.push(monitor);
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    await provider.dispose();
    await stranger.dispose();
    await dropSchema(await freshDatabase(schema));
  });

  let seq = Math.floor(Math.random() * 1e6);
  const ident = () => `oidc${(++seq).toString(36)}`.slice(0, 12);
  const toewijzingNummer = () => String(100_000_000 + Math.floor(Math.random() * 899_999_999));
  const client = { bsn: testBsn(Math.floor(Math.random() * 1e7) + 30_000_000), geboortedatum: '2012-03-04' };
  const jw301 = (nummer: string, aanbieder: string) =>
    ({
      berichtcode: 'JW301',
      berichtId: '',
      identificatie: ident(),
      gemeente: GEMEENTE,
      aanbieder,
      client,
      toewijzingNummer: nummer,
      product: { categorie: '45', code: '45A01' },
      omvang: { volume: 2, eenheid: '04', frequentie: '2' },
      ingangsdatum: '2025-01-01',
      einddatum: '2025-12-31',
      dagtekening: '2025-01-01',
      toewijzingsdatum: '2025-01-01',
      toewijzingstijd: '09:00:00',
    }) as IjwBericht;
  const jw305 = (nummer: string, aanbieder: string) =>
    ({
      berichtcode: 'JW305',
      berichtId: '',
      identificatie: ident(),
      gemeente: GEMEENTE,
      aanbieder,
      client,
      toewijzingNummer: nummer,
      product: { categorie: '45', code: '45A01' },
      toewijzingIngangsdatum: '2025-01-01',
      begindatum: '2025-01-10',
      statusAanlevering: '1',
      dagtekening: '2025-01-11',
    }) as IjwBericht;
  const publish = (regel: IjwBericht, bearer: string) => {
    const { soort, json } = fromRegels([regel]);
    return call('ingest', '/api/v1/berichten', bearer, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
      body: writeIjwXml(soort, json),
    });
  };

  it("a gemeente's client-credentials token: its Principal on every service, within its gemeente's scope", async () => {
    const bearer = await token(provider, 'gemeente-almere');
    expect(decodeProtectedHeader(bearer)).toMatchObject({ alg: 'RS256', kid: 'key-a' });
    const me = await call('monitor', '/api/v1/me', bearer);
    expect(me.status).toBe(200);
    expect(me.json()).toEqual({ role: 'toegang', gemeente: GEMEENTE, sub: 'gemeente-almere' });
    expect((await call('signals', '/api/v1/alerts/inbox', bearer)).status).toBe(200);
    expect((await call('monitor', '/api/v1/alerts/inbox', bearer)).status).toBe(200); // through the monitor's proxy
    // authorised (no 401/403): this child has no trajectory yet
    expect((await call('trajectory', `/api/v1/clients/${client.bsn}/trajecten`, bearer)).status).toBe(404);
    // the access policy, unchanged: a toegang token reads no provider message overview
    expect((await call('monitor', '/api/v1/aanbieder/berichten', bearer)).status).toBe(403);
    // and it publishes a JW301 as its own gemeente
    const answer = await publish(jw301(toewijzingNummer(), AGB), bearer);
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'geaccepteerd' });
  });

  it("a provider's client-credentials token: accepted as its own AGB, refused for another AGB's bericht", async () => {
    const gemeente = await token(provider, 'gemeente-almere');
    // as the provider's system gets it: `npx trajectwacht token --client-credentials …` (tools/cli/main.ts)
    const zorg = await clientCredentialsFromFlags({
      'client-credentials': true,
      issuer: provider.issuer,
      'client-id': 'zorg-een',
      'client-secret': 'zorg-een-secret-for-the-test-only',
      resource: AUDIENCE,
      scope: 'api',
    });
    expect((await call('monitor', '/api/v1/me', zorg)).json()).toEqual({ role: 'aanbieder', agb: AGB, sub: 'zorg-een' });
    const own = toewijzingNummer();
    const other = toewijzingNummer();
    expect((await publish(jw301(own, AGB), gemeente)).status).toBe(200);
    expect((await publish(jw301(other, OTHER_AGB), gemeente)).status).toBe(200);

    const accepted = await publish(jw305(own, AGB), zorg);
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'geaccepteerd', retour: { soort: 'JW306' } });
    const refused = await publish(jw305(other, OTHER_AGB), zorg);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(`authenticated as aanbieder ${AGB} and may not send a bericht with Afzender ${OTHER_AGB}`);
    // its own message overview shows the accepted start, nothing of the other AGB
    const overview = await call('monitor', '/api/v1/aanbieder/berichten', zorg);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain(own);
    expect(overview.text).not.toContain(other);
  });

  it('a regio token that names only its regio: the gemeenten come from the configured regio map; no individual child', async () => {
    const regio = await token(provider, 'regio-flevoland');
    expect((await call('monitor', '/api/v1/me', regio)).json()).toEqual({
      role: 'regio',
      regio: 'flevoland',
      gemeenten: FLEVOLAND,
      sub: 'regio-flevoland',
    });
    expect((await call('monitor', '/api/v1/indicators?groupBy=gemeente', regio)).status).toBe(200);
    expect((await call('trajectory', `/api/v1/clients/${client.bsn}/trajecten`, regio)).status).toBe(403);
  });

  it("an OIDC toegang beheerder (claim OIDC_CLAIM_BEHEERDER) reads the child's access log; a plain toegang token gets 403", async () => {
    const privacy = await token(provider, 'privacy-almere');
    expect((await call('monitor', '/api/v1/me', privacy)).json()).toEqual({
      role: 'toegang',
      gemeente: GEMEENTE,
      sub: 'privacy-almere',
      beheerder: true,
    });
    const log = `/api/v1/pseudoniemen/${pseudonymiseBsn(client.bsn, config.pseudonymSecret)}/toegangslog`;
    const read = await call('trajectory', log, privacy);
    expect(read.status).toBe(200);
    expect(Array.isArray(read.json().items)).toBe(true);
    const plain = await call('trajectory', log, await token(provider, 'gemeente-almere'));
    expect(plain.status).toBe(403);
    expect(plain.text).toContain('only the toegang beheerder of the gemeente reads the access log');
  });

  it('refuses with 401 and a reason: another audience, another issuer, expired, an unknown key, no role, a forged signature', async () => {
    const expectRefused = async (bearer: string, reason: RegExp) => {
      for (const service of ['ingest', 'trajectory', 'signals', 'monitor'] as const) {
        const path = service === 'monitor' ? '/api/v1/me' : service === 'signals' ? '/api/v1/alerts' : '/api/v1/trajecten/x';
        const res = service === 'ingest' ? await publish(jw301(toewijzingNummer(), AGB), bearer) : await call(service, path, bearer);
        expect([service, res.status]).toEqual([service, 401]);
        expect(String(res.json().message)).toMatch(reason);
      }
    };
    await expectRefused(await token(provider, 'gemeente-almere', 'urn:elders:api'), /not meant for this API: audience "urn:elders:api"/);
    const otherIssuer = new RegExp(`not issued by ${provider.issuer} \\(iss: ${stranger.issuer}\\)`);
    await expectRefused(await token(stranger, 'gemeente-almere'), otherIssuer);
    const short = await token(provider, 'kortlevend');
    expect((await call('monitor', '/api/v1/me', short)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    await expectRefused(short, /the access token has expired/);
    await expectRefused(await token(provider, 'zonder-rol'), /no Trajectwacht role in its claim "role"/);

    // signed with a key the provider does not publish (right issuer, audience and claims)
    const unknown = newSigningKey('key-unknown');
    const forged = await new SignJWT({ role: 'toegang', gemeente: GEMEENTE, client_id: 'gemeente-almere' })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-unknown', typ: 'at+jwt' })
      .setIssuer(provider.issuer)
      .setAudience(AUDIENCE)
      .setSubject('gemeente-almere')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importJWK(unknown, 'RS256'));
    await expectRefused(forged, /signed with a key \(kid key-unknown\) that http:\/\/127\.0\.0\.1:\d+ does not publish/);
    // the provider's own key id, another key's signature
    const [, body] = forged.split('.');
    const genuine = (await token(provider, 'gemeente-almere')).split('.');
    await expectRefused(`${genuine[0]}.${body}.${genuine[2]}`, /the access token signature is invalid/);
    // no token at all
    expect((await fetch(`${url.monitor}/api/v1/me`)).status).toBe(401);
  });

  it('the demo mode (on here) still accepts the local HS256 tokens, with the same Principal', async () => {
    const local = issueToken({ role: 'aanbieder', agb: AGB, sub: 'demo' }, config.authSecret);
    expect((await call('monitor', '/api/v1/me', local)).json()).toEqual({ role: 'aanbieder', agb: AGB, sub: 'demo' });
  });

  it('key rotation: a token signed with a new key is accepted without restarting the services, the old one still too', async () => {
    const before = await token(provider, 'zorg-een');
    expect((await call('signals', '/api/v1/alerts', before)).status).toBe(200); // the services have the JWKS with key-a

    // the provider starts signing with key-b and still publishes key-a (same issuer and port)
    await provider.restart(providerConfig([keyB, keyA]));
    const after = await token(provider, 'zorg-een');
    expect(decodeProtectedHeader(after).kid).toBe('key-b');
    await new Promise((r) => setTimeout(r, 250)); // the JWKS cooldown of this test (OIDC_JWKS_COOLDOWN_MS 200)
    for (const service of ['signals', 'monitor'] as const) {
      const path = service === 'monitor' ? '/api/v1/me' : '/api/v1/alerts';
      expect([service, (await call(service, path, after)).status]).toEqual([service, 200]);
      expect([service, (await call(service, path, before)).status]).toEqual([service, 200]);
    }
    const answer = await publish(jw301(toewijzingNummer(), AGB), await token(provider, 'gemeente-almere'));
    expect(answer.status).toBe(200);
  });
});
