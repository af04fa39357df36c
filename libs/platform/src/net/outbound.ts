import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { checkDestination, type AllowList } from './address-policy';

/** A destination the address policy refuses (loopback, private, metadata, …; see address-policy.ts). */
export class UnsafeDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeDestinationError';
  }
}

type ResolveAll = (host: string) => Promise<LookupAddress[]>;

const resolveAll: ResolveAll = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/**
 * Checks a URL before it is stored (PUT /api/v1/webhooks): http(s), and every address its host resolves to now is
 * public or allow-listed. Throws UnsafeDestinationError with the reason.
 */
export async function assertSafeUrl(url: URL, allow: AllowList, resolve: ResolveAll = resolveAll): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeDestinationError('url must be an absolute http(s) URL');
  const host = bare(url.hostname);
  let addresses: string[] = [];
  if (!isIP(host) && !allow.hosts.has(host.toLowerCase())) {
    try {
      addresses = (await resolve(host)).map((a) => a.address);
    } catch (error) {
      throw new UnsafeDestinationError(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  const verdict = checkDestination(url.hostname, addresses, allow);
  if (!verdict.ok) throw new UnsafeDestinationError(verdict.reason);
}

/**
 * A lookup for http.request that resolves every address, applies the policy to all of them and hands exactly the
 * checked addresses to the socket: the connection cannot go to an address that was not checked (no DNS rebinding
 * between the check and the connect).
 */
export function guardedLookup(allow: AllowList, resolve: ResolveAll = resolveAll): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number | string }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (found) => {
        const wanted =
          options?.family === 4 || options?.family === 'IPv4' ? 4 : options?.family === 6 || options?.family === 'IPv6' ? 6 : 0;
        const addresses = wanted ? found.filter((a) => a.family === wanted) : found;
        const verdict = checkDestination(
          hostname,
          addresses.map((a) => a.address),
          allow,
        );
        if (!verdict.ok) return callback(new UnsafeDestinationError(verdict.reason));
        if (options?.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error),
    );
  }) as LookupFunction;
}

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  allow: AllowList;
}

/**
 * POSTs a body to a URL under the address policy (checked again at every delivery: DNS may have changed since the
 * URL was registered). Resolves with the status code; rejects with UnsafeDestinationError, a network error or a
 * timeout. The answer's body is read and discarded.
 */
export function postGuarded(url: URL, body: string, options: PostOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return reject(new UnsafeDestinationError('url must be an absolute http(s) URL'));
    const host = bare(url.hostname);
    if (isIP(host)) {
      // Node connects to an address literal without a lookup: check it here.
      const verdict = checkDestination(url.hostname, [host], options.allow);
      if (!verdict.ok) return reject(new UnsafeDestinationError(verdict.reason));
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allow),
      timeout: options.timeoutMs,
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => clearTimeout(timer));
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
    });
    req.end(body);
  });
}
