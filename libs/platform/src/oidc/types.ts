import type { ClaimMapping } from './claims';

/** The OpenID provider whose access tokens the APIs accept (OIDC_* settings, docs/security.md). */
export interface OidcSettings {
  /** OIDC_ISSUER: the provider's issuer; its discovery document (/.well-known/openid-configuration) names the JWKS. */
  issuer: string;
  /** OIDC_AUDIENCE: the `aud` every access token must carry (the resource indicator of the Trajectwacht APIs). */
  audience: string;
  /** OIDC_ALGORITHMS: the signing algorithms accepted (asymmetric only). */
  algorithms: string[];
  claims: ClaimMapping;
  /** OIDC_JWKS_COOLDOWN_MS: after a JWKS fetch, no other before this (a token with an unknown kid refetches it after that). */
  jwksCooldownMs: number;
  /** OIDC_JWKS_CACHE_SECONDS: the JWKS is fetched again after this long even when every kid is known. */
  jwksCacheMaxAgeMs: number;
  /** OIDC_CLOCK_TOLERANCE_SECONDS: allowed clock skew for exp/nbf/iat. */
  clockToleranceSeconds: number;
  /** OIDC_CLIENT_ID: the dashboard's (public, PKCE) client; unset: the dashboard offers no OpenID sign-in. */
  clientId?: string;
  /** OIDC_SCOPE: the scopes the dashboard asks for. */
  scope: string;
}

export interface AuthSettings {
  /** AUTH_DEMO (default on): the local users file and the HS256 tokens under AUTH_SECRET. For a demo only. */
  demo: boolean;
  oidc?: OidcSettings;
  /** Origins the dashboard may connect to besides its own (CSP connect-src): CSP_CONNECT_SRC, else the issuer's origin. */
  connectSrc: string[];
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = { demo: true, connectSrc: [] };
