import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Organisation access tokens: compact JWTs signed with HS256 under AUTH_SECRET.
 * Issue them with `npm run token -- --role aanbieder --agb 12345678` (see docs/security.md).
 */
export type Role = 'toegang' | 'aanbieder' | 'regio' | 'beheer';

export type Principal =
  /** beheerder: the gemeente's toegang beheerder (privacy officer), who may read the access log of its gemeente (docs/security.md). */
  | { role: 'toegang'; gemeente: string; sub: string; beheerder?: boolean }
  | { role: 'aanbieder'; agb: string; sub: string }
  | { role: 'regio'; regio: string; gemeenten: string[]; sub: string }
  | { role: 'beheer'; sub: string };

export interface TokenClaims {
  sub: string;
  role: Role;
  gemeente?: string;
  agb?: string;
  regio?: string;
  gemeenten?: string[];
  /** toegang only: the gemeente's toegang beheerder (access log). */
  beheerder?: boolean;
  iat: number;
  exp: number;
  iss: 'trajectwacht';
}

export class AuthError extends Error {}

/** The token could not be checked now (the issuer's discovery document or keys unreachable): not the caller's fault (503). */
export class AuthUnavailableError extends Error {
  override name = 'AuthUnavailableError';
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export function issueToken(principal: Principal, secret: string, ttlSeconds = 8 * 3600, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const claims: TokenClaims = { ...principal, iat, exp: iat + ttlSeconds, iss: 'trajectwacht' } as TokenClaims;
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Verifies signature, issuer, expiry and the claims required for the role; throws AuthError with the reason. */
export function verifyToken(token: string | undefined, secret: string, now = Date.now()): Principal {
  return verifyTokenWithExpiry(token, secret, now).principal;
}

/** verifyToken, and when the token expires (ms since the epoch), for answers that outlive the request (SSE). */
export function verifyTokenWithExpiry(
  token: string | undefined,
  secret: string,
  now = Date.now(),
): { principal: Principal; expiresAt: number } {
  if (!token) throw new AuthError('no access token: send "Authorization: Bearer <token>"');
  const raw = token.startsWith('Bearer ') ? token.slice(7).trim() : token.trim();
  const parts = raw.split('.');
  if (parts.length !== 3) throw new AuthError('the access token is not a JWT');
  const [head, body, sig] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AuthError('the access token signature is invalid');
  let header: { alg?: string };
  let claims: Partial<TokenClaims>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new AuthError('the access token is not valid JSON');
  }
  if (header.alg !== 'HS256') throw new AuthError('the access token must use HS256');
  if (claims.iss !== 'trajectwacht') throw new AuthError('the access token was not issued by trajectwacht');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) throw new AuthError('the access token has expired');
  if (typeof claims.sub !== 'string' || !claims.sub) throw new AuthError('the access token has no subject');
  return { principal: checkedPrincipal(claims as Partial<TokenClaims> & { sub: string }), expiresAt: claims.exp * 1000 };
}

/**
 * The Principal of a token's organisation claims, whichever issuer signed it (the local HS256 tokens here, an
 * OpenID provider's access tokens through libs/platform/src/oidc/claims.ts): the claims each role needs, checked.
 */
export function checkedPrincipal(claims: Partial<Omit<TokenClaims, 'role'>> & { role?: unknown; sub: string }): Principal {
  switch (claims.role) {
    case 'toegang':
      if (!/^[0-9]{4}$/.test(claims.gemeente ?? '')) throw new AuthError('a toegang token needs a 4-digit gemeente');
      return { role: 'toegang', gemeente: claims.gemeente!, sub: claims.sub, ...(claims.beheerder === true ? { beheerder: true } : {}) };
    case 'aanbieder':
      if (!/^[0-9]{8}$/.test(claims.agb ?? '')) throw new AuthError('an aanbieder token needs an 8-digit agb');
      return { role: 'aanbieder', agb: claims.agb!, sub: claims.sub };
    case 'regio':
      if (!claims.regio || !Array.isArray(claims.gemeenten) || !claims.gemeenten.every((g) => /^[0-9]{4}$/.test(g))) {
        throw new AuthError('a regio token needs a regio and its gemeenten');
      }
      return { role: 'regio', regio: claims.regio, gemeenten: claims.gemeenten, sub: claims.sub };
    case 'beheer':
      return { role: 'beheer', sub: claims.sub };
    default:
      throw new AuthError('the access token has no valid role');
  }
}
