import type { OpenAPIObject } from '@nestjs/swagger';
import type { MonitorSettings } from './settings';

/**
 * The monitor's OpenAPI document covers the whole public API (issue 18 point 6): its own operations, generated from
 * its controllers, and those of the services it proxies (signals, trajectory) and of ingest, taken from the documents
 * those services generate from theirs (GET /api/docs-json) — one source per operation, nothing written twice. An
 * operation the monitor's proxy forwards is listed as the monitor's (same origin); any other keeps the service's own
 * server (`servers` of the operation), e.g. POST /api/v1/berichten on ingest.
 */

export type Upstream = 'signals' | 'trajectory' | 'ingest';
type Method = 'GET' | 'POST' | 'PUT';

/**
 * What the proxy (ProxyController) forwards: its route paths under /api/v1, per upstream and method. The controller's
 * decorators use these lists, so the document and the proxy cannot drift apart. A new proxied route goes here.
 */
export const PROXIED: Record<Exclude<Upstream, 'ingest'>, Partial<Record<Method, string[]>>> = {
  signals: { GET: ['alerts', 'alerts/*path', 'webhooks/*path'], POST: ['alerts/*path', 'webhooks/*path'], PUT: ['webhooks'] },
  trajectory: {
    GET: ['trajecten/*path', 'clients/*path', 'pseudoniemen/*path', 'wachtlijst'],
    POST: ['pseudoniemen/:pseudonym/vervolg', 'pseudoniemen/:pseudonym/bsn'],
  },
};
const PREFIX = '/api/v1/';

/** The Express route patterns of the proxy, as the router registers them (/api/v1/alerts/*path). */
export function proxiedPatterns(): { method: string; path: string }[] {
  return Object.values(PROXIED).flatMap((methods) =>
    Object.entries(methods).flatMap(([method, paths]) => paths.map((p) => ({ method, path: `${PREFIX}${p}` }))),
  );
}

function patternRegex(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) => (segment.startsWith('*') ? '.+' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Which upstream the proxy forwards an OpenAPI operation (method, /api/v1/alerts/{id}) to, if any. */
export function proxiedTo(method: string, openApiPath: string): Upstream | undefined {
  const concrete = openApiPath.replace(/\{([^}]+)\}/g, '$1');
  for (const [upstream, methods] of Object.entries(PROXIED) as [Upstream, Partial<Record<Method, string[]>>][]) {
    const paths = methods[method.toUpperCase() as Method] ?? [];
    if (paths.some((p) => patternRegex(`${PREFIX}${p}`).test(concrete))) return upstream;
  }
  return undefined;
}

/** Operations of a service that are not part of the public API through the monitor: each service's own probes and docs. */
const SERVICE_LOCAL = /^\/(health|metrics)$|^\/api\/docs/;

export interface UpstreamDocument {
  service: Upstream;
  url: string;
  document?: OpenAPIObject;
  error?: string;
}

/** The one document: the monitor's own with the upstreams' operations (proxied or with their own server). */
export function composeApiDocs(own: OpenAPIObject, upstreams: UpstreamDocument[]): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = structuredClone(own.paths) as Record<string, Record<string, unknown>>;
  const schemas = { ...own.components?.schemas };
  const securitySchemes = { ...own.components?.securitySchemes };
  const tags = new Map((own.tags ?? []).map((t) => [t.name, t]));
  const missing: string[] = [];
  for (const upstream of upstreams) {
    if (!upstream.document) {
      missing.push(`${upstream.service} (${upstream.error ?? 'no document'})`);
      continue;
    }
    for (const [path, item] of Object.entries(upstream.document.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      if (SERVICE_LOCAL.test(path)) continue;
      for (const [method, op] of Object.entries(item)) {
        if (paths[path]?.[method]) continue; // the monitor's own operation on the same path wins
        const proxied = proxiedTo(method, path) === upstream.service;
        paths[path] = {
          ...paths[path],
          [method]: {
            ...op,
            'x-service': upstream.service,
            ...(proxied
              ? {}
              : { servers: [{ url: upstream.url, description: `the ${upstream.service} service (not proxied by the monitor)` }] }),
          },
        };
      }
    }
    Object.assign(schemas, upstream.document.components?.schemas);
    Object.assign(securitySchemes, upstream.document.components?.securitySchemes);
    for (const tag of upstream.document.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  }
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ...own,
    info: {
      ...own.info,
      title: 'Trajectwacht',
      description:
        `${own.info.description ?? ''}` +
        (missing.length ? ` Not reachable when this document was composed, so their operations are missing: ${missing.join(', ')}.` : ''),
    },
    ...(tags.size ? { tags: [...tags.values()] } : {}),
    paths: sorted as OpenAPIObject['paths'],
    components: { ...own.components, schemas, securitySchemes },
    ...(missing.length ? { 'x-missing-services': missing } : {}),
  };
}

/** Fetches the upstream documents (each kept for a minute once fetched) and composes; an unreachable one is named. */
export function upstreamComposer(settings: MonitorSettings, ttlMs = 60_000): (own: OpenAPIObject) => Promise<OpenAPIObject> {
  const cache = new Map<Upstream, { at: number; document: OpenAPIObject }>();
  const fetchOne = async (service: Upstream, url: string): Promise<UpstreamDocument> => {
    const hit = cache.get(service);
    if (hit && Date.now() - hit.at < ttlMs) return { service, url, document: hit.document };
    try {
      const res = await fetch(`${url}/api/docs-json`, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) return { service, url, error: `HTTP ${res.status}` };
      const document = (await res.json()) as OpenAPIObject;
      if (typeof document?.paths !== 'object') return { service, url, error: 'not an OpenAPI document' };
      cache.set(service, { at: Date.now(), document });
      return { service, url, document };
    } catch (error) {
      return { service, url, error: (error as Error).message };
    }
  };
  return async (own) =>
    composeApiDocs(
      own,
      await Promise.all([
        fetchOne('signals', settings.signalsUrl),
        fetchOne('trajectory', settings.trajectoryUrl),
        fetchOne('ingest', settings.ingestUrl),
      ]),
    );
}
