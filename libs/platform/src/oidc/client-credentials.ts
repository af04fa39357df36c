/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) against the OpenID provider: how a gemeente's or provider's system
 * gets an access token for the Trajectwacht APIs (`npx trajectwacht token --client-credentials`, docs/security.md).
 * The token endpoint comes from the issuer's discovery document; the client authenticates with HTTP Basic.
 */
export interface ClientCredentialsRequest {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The resource indicator (RFC 8707) of the Trajectwacht APIs: the token's audience (OIDC_AUDIENCE). */
  resource?: string;
  scope?: string;
}

export interface ClientCredentialsToken {
  accessToken: string;
  expiresIn: number;
  tokenType: string;
  scope?: string;
}

export async function clientCredentialsToken(request: ClientCredentialsRequest): Promise<ClientCredentialsToken> {
  const issuer = request.issuer.replace(/\/+$/, '');
  const discoveryUrl = `${issuer}/.well-known/openid-configuration`;
  const discovery = (await (await fetch(discoveryUrl, { signal: AbortSignal.timeout(10_000) })).json()) as { token_endpoint?: unknown };
  if (typeof discovery.token_endpoint !== 'string') throw new Error(`${discoveryUrl} names no token_endpoint`);
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (request.resource) body.set('resource', request.resource);
  if (request.scope) body.set('scope', request.scope);
  const basic = Buffer.from(`${encodeURIComponent(request.clientId)}:${encodeURIComponent(request.clientSecret)}`).toString('base64');
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const answer = (await res.json()) as {
    access_token?: unknown;
    expires_in?: unknown;
    token_type?: unknown;
    scope?: unknown;
    error?: unknown;
  };
  if (!res.ok || typeof answer.access_token !== 'string') {
    throw new Error(`the token endpoint refused the client credentials: HTTP ${res.status} ${String(answer.error ?? '')}`.trim());
  }
  return {
    accessToken: answer.access_token,
    expiresIn: Number(answer.expires_in ?? 0),
    tokenType: String(answer.token_type ?? 'Bearer'),
    ...(typeof answer.scope === 'string' ? { scope: answer.scope } : {}),
  };
}
