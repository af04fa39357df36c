// @ts-check
/**
 * Sign-in at the organisation's OpenID provider: authorization code + PKCE (S256), the dashboard a public client in
 * the browser (docs/security.md, "OpenID Connect"). The provider's discovery document gives the endpoints; `state`
 * (against a forged answer) and `nonce` (in the ID token, against a replayed one) are checked; the code leaves the
 * address bar and the history before it is exchanged. The access token is kept like the local login's token
 * (sessionStorage, sent as `Authorization: Bearer`); the Principal comes from GET /api/v1/me, which verifies it.
 * No token is ever put in a URL: sign-out at the provider names the client (`client_id`), not the ID token.
 */
import { clearSession, getSession, storeSession } from './api.js';

const PENDING_KEY = 'trajectwacht.oidc.pending';
/** An answer of the provider later than this after the redirect is not taken. */
const PENDING_MS = 10 * 60_000;

/**
 * @typedef {{ issuer: string, clientId: string, scope: string, resource: string }} OidcOptions
 * @typedef {{ local: boolean, oidc: OidcOptions | null }} SignInOptions
 */

/** @returns {Promise<SignInOptions>} how this deployment signs in (GET /api/v1/auth/config) */
export async function signInOptions() {
  try {
    const res = await fetch('/api/v1/auth/config', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (res.ok) return await res.json();
  } catch {
    /* the local login, as before */
  }
  return { local: true, oidc: null };
}

/** @param {ArrayBuffer | Uint8Array} bytes */
function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/`;

/** @param {string} issuer */
async function discover(issuer) {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`the OpenID provider answered ${res.status}`);
  const doc = await res.json();
  if (doc.issuer !== issuer) throw new Error(`the provider's discovery document names issuer ${doc.issuer}`);
  return doc;
}

/**
 * Sends the browser to the provider's login page (authorization request with PKCE S256, state and nonce).
 * @param {OidcOptions} oidc
 * @param {string} [returnHash] the page to show after the sign-in
 */
export async function startSignIn(oidc, returnHash = '') {
  const doc = await discover(oidc.issuer);
  const verifier = random();
  const state = random();
  const nonce = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const pending = {
    state,
    nonce,
    verifier,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    resource: oidc.resource,
    tokenEndpoint: doc.token_endpoint,
    endSession: doc.end_session_endpoint ?? null,
    returnHash,
    at: Date.now(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(doc.authorization_endpoint);
  const params = {
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    resource: oidc.resource,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  location.assign(url.toString());
}

/** @param {string} jwt @returns {Record<string, unknown> | null} the payload of a JWT (unverified) */
function payloadOf(jwt) {
  try {
    const part = jwt.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(decodeURIComponent(Array.from(json, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')));
  } catch {
    return null;
  }
}

/**
 * The ID token from the token endpoint (direct TLS connection to the provider: OIDC Core 3.1.3.7 lets TLS stand in for
 * its signature): its issuer, audience, expiry and the nonce of this sign-in.
 * @param {unknown} idToken
 * @param {{ issuer: string, clientId: string, nonce: string }} pending
 */
function idTokenProblem(idToken, pending) {
  if (typeof idToken !== 'string') return 'the provider sent no ID token';
  const claims = payloadOf(idToken);
  if (!claims) return 'the ID token is unreadable';
  if (claims.iss !== pending.issuer) return `the ID token was issued by ${claims.iss}`;
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(pending.clientId)) return 'the ID token is not meant for this dashboard';
  if (claims.nonce !== pending.nonce) return 'the ID token does not belong to this sign-in (nonce)';
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return 'the ID token has expired';
  return null;
}

/**
 * On every load: when the address carries the provider's answer (?code&state, or ?error), takes the code out of the
 * address and the history at once, checks state (and iss), exchanges the code with the PKCE verifier, checks the ID
 * token's nonce, and stores the session. Returns null when signed in (or nothing to do), else the reason.
 * @returns {Promise<string | null>}
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  let pending = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  } catch {
    pending = null;
  }
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${pending?.returnHash || '#/login'}`);
  if (params.get('error')) return params.get('error_description') || String(params.get('error'));
  if (!pending || params.get('state') !== pending.state) return 'the answer does not belong to a sign-in of this tab (state)';
  if (params.has('iss') && params.get('iss') !== pending.issuer) return `the answer came from ${params.get('iss')}`;
  if (Date.now() - pending.at > PENDING_MS) return 'the sign-in took too long; try again';

  const res = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: String(params.get('code')),
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
      resource: pending.resource,
    }),
  });
  const tokens = await res.json().catch(() => ({}));
  if (!res.ok || typeof tokens.access_token !== 'string') return tokens.error_description || tokens.error || `HTTP ${res.status}`;
  const problem = idTokenProblem(tokens.id_token, pending);
  if (problem) return problem;

  // the API verifies the access token itself and says whose it is
  const me = await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/json' } });
  const principal = await me.json().catch(() => ({}));
  if (!me.ok) return principal.message || `HTTP ${me.status}`;
  const expiresIn = Number(tokens.expires_in) > 0 ? Number(tokens.expires_in) : 300;
  storeSession({
    token: tokens.access_token,
    principal,
    expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
    idp: { issuer: pending.issuer, clientId: pending.clientId, endSession: pending.endSession },
  });
  return null;
}

/**
 * Signs out here and, for a session of the provider, at the provider too (RP-initiated logout with client_id and
 * post_logout_redirect_uri). Returns true when the browser is on its way to the provider.
 */
export function signOut() {
  const session = getSession();
  clearSession();
  const idp = session?.idp;
  if (!idp?.endSession) return false;
  const url = new URL(idp.endSession);
  url.searchParams.set('client_id', idp.clientId);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  location.assign(url.toString());
  return true;
}
