import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { AuthError, AuthUnavailableError, verifyTokenWithExpiry, type Principal } from '../auth';
import type { PlatformConfig } from '../config';
import { principalFromClaims } from './claims';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings, type OidcSettings } from './types';

export interface VerifiedToken {
  principal: Principal;
  /** When the token expires (ms since the epoch), for answers that outlive the request (SSE). */
  expiresAt: number;
  /** Who issued it: the demo mode's own HS256 tokens, or the configured OpenID provider. */
  source: 'demo' | 'oidc';
}

interface Discovery {
  issuer?: unknown;
  jwks_uri?: unknown;
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** Fetches a JSON document of the provider (discovery); AuthUnavailableError when it cannot be had. */
async function fetchJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
  } catch (error) {
    throw new AuthUnavailableError(`the OpenID provider is unreachable (${url}): ${(error as Error).message}`);
  }
  if (!res.ok) throw new AuthUnavailableError(`the OpenID provider answered ${res.status} for ${url}`);
  return res.json() as Promise<unknown>;
}

/**
 * The one token check of every service (HTTP guard, ingest's Kafka and HTTP paths): an access token of the configured
 * OpenID provider (RS256/PS256/ES256…, verified against the provider's JWKS found by discovery: issuer, audience,
 * expiry, algorithm allow-list, the claims that make the Principal), and, in the demo mode only, the local HS256
 * tokens under AUTH_SECRET. A token signed with a key id the cached JWKS does not know makes it fetch the JWKS again
 * (at most once per OIDC_JWKS_COOLDOWN_MS), so a rotated provider key is accepted without a restart.
 */
export class TokenVerifier {
  private keySet?: Promise<KeySet>;

  constructor(
    private readonly settings: AuthSettings,
    private readonly authSecret: string,
  ) {}

  /** Verifies an `Authorization` header value (or a bare token); AuthError with the reason when it is not accepted. */
  async verify(authorization: string | undefined, now = Date.now()): Promise<VerifiedToken> {
    if (!authorization) throw new AuthError('no access token: send "Authorization: Bearer <token>"');
    const token = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : authorization.trim();
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthError('the access token is not a JWT');
    }
    if (alg === 'HS256') {
      if (!this.settings.demo) {
        throw new AuthError(
          'local (HS256) tokens are accepted only in the demo mode (AUTH_DEMO)' +
            (this.settings.oidc ? `: sign in with ${this.settings.oidc.issuer}` : ''),
        );
      }
      return { ...verifyTokenWithExpiry(token, this.authSecret, now), source: 'demo' };
    }
    const oidc = this.settings.oidc;
    if (!oidc)
      throw new AuthError(`the access token is signed with ${alg}; without OIDC_ISSUER only the demo's own HS256 tokens are accepted`);
    return this.verifyOidc(token, oidc, now);
  }

  private async verifyOidc(token: string, oidc: OidcSettings, now: number): Promise<VerifiedToken> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new AuthError('the access token is not a JWT');
    }
    // Before any key is looked up: a token of another issuer never makes us fetch our provider's keys.
    if (unverified.iss !== oidc.issuer)
      throw new AuthError(`the access token was not issued by ${oidc.issuer} (iss: ${String(unverified.iss)})`);
    const keys = await this.keys(oidc);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: oidc.issuer,
        audience: oidc.audience,
        algorithms: oidc.algorithms,
        clockTolerance: oidc.clockToleranceSeconds,
        currentDate: new Date(now),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw this.explain(error, token, oidc);
    }
    return { principal: principalFromClaims(payload, oidc.claims), expiresAt: payload.exp! * 1000, source: 'oidc' };
  }

  private explain(error: unknown, token: string, oidc: OidcSettings): Error {
    if (error instanceof errors.JWTExpired) return new AuthError('the access token has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'aud') {
        const aud = decodeJwt(token).aud;
        return new AuthError(
          `the access token is not meant for this API: audience ${JSON.stringify(aud ?? null)}, expected "${oidc.audience}"`,
        );
      }
      if (error.claim === 'nbf') return new AuthError('the access token is not valid yet');
      return new AuthError(`the access token's claim "${error.claim}" is not accepted: ${error.reason}`);
    }
    if (error instanceof errors.JOSEAlgNotAllowed) {
      return new AuthError(`the access token is signed with ${decodeProtectedHeader(token).alg}; accepted: ${oidc.algorithms.join(', ')}`);
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      const kid = decodeProtectedHeader(token).kid;
      return new AuthError(`the access token is signed with a key (kid ${kid ?? 'none'}) that ${oidc.issuer} does not publish`);
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthError('the access token signature is invalid');
    if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid)
      return new AuthError('the access token is not a valid JWT');
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError) {
      return new AuthUnavailableError(`the keys of ${oidc.issuer} could not be fetched: ${(error as Error).message}`);
    }
    if (error instanceof errors.JOSEError) return new AuthError(`the access token is not accepted: ${error.message}`);
    return error instanceof Error ? error : new Error(String(error));
  }

  /** The provider's key set, found through its discovery document once (again after a failure). */
  private keys(oidc: OidcSettings): Promise<KeySet> {
    this.keySet ??= (async () => {
      const doc = (await fetchJson(`${oidc.issuer}/.well-known/openid-configuration`)) as Discovery;
      if (doc.issuer !== oidc.issuer)
        throw new AuthUnavailableError(`the discovery document of ${oidc.issuer} names issuer ${String(doc.issuer)}`);
      if (typeof doc.jwks_uri !== 'string') throw new AuthUnavailableError(`the discovery document of ${oidc.issuer} names no jwks_uri`);
      return createRemoteJWKSet(new URL(doc.jwks_uri), {
        cooldownDuration: oidc.jwksCooldownMs,
        cacheMaxAge: oidc.jwksCacheMaxAgeMs,
        timeoutDuration: 5000,
      });
    })();
    this.keySet.catch(() => (this.keySet = undefined));
    return this.keySet;
  }
}

const VERIFIERS = new WeakMap<object, TokenVerifier>();

/** The verifier of a configuration (one per config object, so the guard and ingest share the JWKS cache). */
export function tokenVerifier(config: Pick<PlatformConfig, 'authSecret' | 'auth'>): TokenVerifier {
  const key = config.auth ?? config;
  let verifier = VERIFIERS.get(key);
  if (!verifier) {
    verifier = new TokenVerifier(config.auth ?? DEFAULT_AUTH_SETTINGS, config.authSecret);
    VERIFIERS.set(key, verifier);
  }
  return verifier;
}
