// A real OpenID Connect provider for development and the tests (oidc-provider 9, ESM: its own node process).
// DEVELOPMENT ONLY: in-memory state, a login form that accepts any password for a configured account.
//
//   node tools/oidc-dev-provider.mjs [--port 4400] [--host 127.0.0.1] [--config file.json] [--dashboard URL]
//
// It prints one JSON line `{"ready":true,"issuer":"…"}` on stdout once it listens. Without --config it runs the
// demo set-up below (the accounts of .data/demo-users.txt, the dashboard client at --dashboard, default
// http://127.0.0.1:3000, and two client-credentials clients). `OIDC_DEV=1 npm run start:platform` runs it so.
// Config file (every field optional):
//   { "issuer": "http://127.0.0.1:4400",            the issuer (default http://<host>:<port>)
//     "audience": "urn:trajectwacht:api",            the resource (audience) of the Trajectwacht APIs: JWT access tokens
//     "otherAudiences": ["urn:elders:api"],          further resources, whose tokens Trajectwacht must refuse
//     "keys": [<private JWK>, …],                    signing keys, the first signs (RS256); a second key = rotation
//     "accounts": { "<login>": { "role": "toegang", "gemeente": "0034" }, … },
//                    (a toegang beheerder: add "beheerder": true, or the value Trajectwacht's OIDC_BEHEERDER_VALUE asks for;
//                     Trajectwacht reads it only with OIDC_CLAIM_BEHEERDER set to the claim name, see claimNames)
//     "clients": [ { "client_id": "…", "client_secret": "…", "grant_types": ["client_credentials"],
//                    "claims": { "role": "aanbieder", "agb": "12345678" },  (client credentials: the token's claims)
//                    "tokenTtlSeconds": 2, … other client metadata (redirect_uris, token_endpoint_auth_method) } ],
//     "firstParty": ["trajectwacht-dashboard"],     clients that need no consent screen
//     "claimNames": { "role": "role", "gemeente": "gemeente", "agb": "agb", "regio": "regio", "gemeenten": "gemeenten",
//                     "beheerder": "beheerder" } }
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import process from 'node:process';
import { URL } from 'node:url';
import Provider, { errors } from 'oidc-provider';

function argument(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const port = Number(argument('port', '4400'));
const host = argument('host', '127.0.0.1');
const file = argument('config', undefined);
const dashboard = argument('dashboard', 'http://127.0.0.1:3000').replace(/\/+$/, '');
const given = file ? JSON.parse(readFileSync(file, 'utf8')) : {};

/** The demo set-up (npm run start:platform with OIDC_DEV=1): the same organisations as the local demo users. */
const DEMO = {
  accounts: {
    'toegang-almere': { role: 'toegang', gemeente: '0034' },
    'toegang-lelystad': { role: 'toegang', gemeente: '0995' },
    'beheerder-almere': { role: 'toegang', gemeente: '0034', beheerder: true },
    'regio-flevoland': { role: 'regio', regio: 'flevoland', gemeenten: ['0034', '0050', '0171', '0303', '0995', '0184'] },
    'aanbieder-demo': { role: 'aanbieder', agb: '98100003' },
    beheer: { role: 'beheer' },
  },
  clients: [
    {
      client_id: 'trajectwacht-dashboard',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [`${dashboard}/`],
      post_logout_redirect_uris: [`${dashboard}/`],
    },
    {
      client_id: 'gemeente-almere',
      client_secret: 'dev-only-gemeente-almere-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      claims: { role: 'toegang', gemeente: '0034' },
    },
    {
      client_id: 'aanbieder-demo',
      client_secret: 'dev-only-aanbieder-demo-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      claims: { role: 'aanbieder', agb: '98100003' },
    },
  ],
  firstParty: ['trajectwacht-dashboard'],
};

// Listen first (--port 0: a port the kernel chooses, named in the ready line), then the issuer with that port.
const server = createServer();
await new Promise((resolve) => server.listen(port, host, resolve));
const issuer = given.issuer ?? `http://${host}:${server.address().port}`;
const audience = given.audience ?? 'urn:trajectwacht:api';
const resources = new Set([audience, ...(given.otherAudiences ?? [])]);
const accounts = given.accounts ?? DEMO.accounts;
const firstParty = new Set(given.firstParty ?? DEMO.firstParty);
const names = {
  role: 'role',
  gemeente: 'gemeente',
  agb: 'agb',
  regio: 'regio',
  gemeenten: 'gemeenten',
  beheerder: 'beheerder',
  ...given.claimNames,
};

function newKey(kid) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}
const keys = given.keys ?? [newKey(`dev-${randomBytes(4).toString('hex')}`)];

/** The Trajectwacht claims of an organisation, under the claim names Trajectwacht is configured with. */
function organisationClaims(org) {
  if (!org) return undefined;
  const claims = {};
  for (const [field, claim] of Object.entries(names)) if (org[field] !== undefined) claims[claim] = org[field];
  return claims;
}

const clientClaims = new Map();
const tokenTtl = new Map();
const clients = (given.clients ?? DEMO.clients).map(({ claims, tokenTtlSeconds, ...metadata }) => {
  if (claims) clientClaims.set(metadata.client_id, claims);
  if (tokenTtlSeconds) tokenTtl.set(metadata.client_id, tokenTtlSeconds);
  return metadata;
});
const ttlOf = (fallback) => (_ctx, _token, client) => tokenTtl.get(client?.clientId) ?? fallback;

const provider = new Provider(issuer, {
  clients,
  jwks: { keys },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'api'],
  claims: { openid: ['sub'], profile: ['name'], trajectwacht: Object.values(names) },
  async findAccount(_ctx, id) {
    const org = accounts[id];
    if (!org) return undefined;
    return { accountId: id, claims: () => ({ sub: id, name: id, ...organisationClaims(org) }) };
  },
  // The Trajectwacht claims in the access token: the account's (authorization code) or the client's (client credentials).
  async extraTokenClaims(_ctx, token) {
    if (token.kind === 'ClientCredentials') return organisationClaims(clientClaims.get(token.clientId));
    if (token.kind === 'AccessToken') return organisationClaims(accounts[token.accountId]);
    return undefined;
  },
  ttl: {
    AccessToken: ttlOf(3600),
    ClientCredentials: ttlOf(600),
    IdToken: 3600,
    Interaction: 600,
    Session: 8 * 3600,
    Grant: 8 * 3600,
    AuthorizationCode: 60,
  },
  // A public (browser) client may call the token endpoint from the origins of its redirect URIs.
  clientBasedCORS(ctx, origin, client) {
    if (client.clientAuthMethod !== 'none' && ctx.oidc.route !== 'userinfo') return false;
    return client.redirectUris.some((uri) => URL.parse(uri)?.origin === origin);
  },
  // First-party clients (the dashboard) get their grant without a consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (!firstParty.has(ctx.oidc.client.clientId)) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addResourceScope(audience, 'api');
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => audience,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => {
        if (!resources.has(indicator)) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
        return { scope: 'api', audience: indicator, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-dev-provider server_error: ${error.stack}\n`));

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ ready: true, issuer, port: server.address().port, kids: keys.map((k) => k.kid) })}\n`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
