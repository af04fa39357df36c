import { dirname, join } from 'node:path';
import { Controller, Get, Header, Injectable, NotFoundException, Param, Res, applyDecorators, type INestApplication } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { SERVICE_NAME } from './tokens';

/**
 * Generated API documentation (issue 18 point 6): every service builds its OpenAPI 3 document from its controllers'
 * decorators (@nestjs/swagger) and serves it at GET /api/docs-json, with Swagger UI at GET /api/docs. Swagger UI is
 * swagger-ui-dist's own files, served from here, started by a script file of its own (no inline script or style),
 * so the page runs under the platform's Content-Security-Policy unchanged (libs/platform/src/nest/http.ts).
 * `undocumentedRoutes` compares the routes the Express router registered with the document (the api-docs e2e test).
 */

/** The security scheme of the APIs: the access token (a JWT) as `Authorization: Bearer <token>`. */
export const BEARER = 'bearer';
/** The scheme of GET /metrics: METRICS_TOKEN as a bearer token (not an access token). */
export const METRICS_SCHEME = 'metricsToken';
/** The shared schema of every error answer (Nest's HttpException body). */
export const ERROR_SCHEMA = 'Fout';
/** Marks an operation that needs no token (login, health, metrics, the docs themselves). */
export const PUBLIC_EXTENSION = 'x-public';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid request: the message names the parameter or field',
  401: 'no access token, or an expired, tampered or otherwise invalid one (Authorization: Bearer <token>)',
  403: 'the access policy does not allow this caller the action (libs/platform/src/access)',
  404: 'not found, or not visible to the caller (the same answer either way)',
  409: 'the action does not fit the current state',
  413: 'the payload is larger than MAX_MESSAGE_BYTES',
  422: 'refused',
  429: 'too many attempts',
  502: 'an upstream service did not answer',
  503: 'a dependency is unavailable',
};

/** Error answers with the shared error schema: `ApiErrors(400, [404, 'no such alert'])`. */
export function ApiErrors(...entries: (number | [number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...entries.map((entry) => {
      const [status, description] = typeof entry === 'number' ? [entry, ERROR_DESCRIPTIONS[entry] ?? 'error'] : entry;
      return ApiResponse({ status, description, schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } });
    }),
  );
}

/**
 * A route behind the token guard: the bearer scheme and its 401; with `forbidden` (the default: every `@Allow` route)
 * also the access policy's 403.
 */
export function ApiAuth(options: { forbidden?: boolean } = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(BEARER), ApiErrors(401, ...(options.forbidden === false ? [] : [403])));
}

/** A route anyone may call (no token): marked explicitly, so that a forgotten ApiAuth is not taken for a public route. */
export function ApiPublic(): MethodDecorator & ClassDecorator {
  return ApiExtension(PUBLIC_EXTENSION, true);
}

/** The document a service serves; the monitor composes its own with the documents of the services it proxies. */
@Injectable()
export class ApiDocs {
  private own: OpenAPIObject | undefined;
  private composer: ((own: OpenAPIObject) => Promise<OpenAPIObject>) | undefined;

  set(document: OpenAPIObject): void {
    this.own = document;
  }

  composeWith(composer: (own: OpenAPIObject) => Promise<OpenAPIObject>): void {
    this.composer = composer;
  }

  /** The service's own document, as generated from its controllers. */
  generated(): OpenAPIObject {
    if (!this.own) throw new Error('the API document was not built: call setupApiDocs(app) after NestFactory.create');
    return this.own;
  }

  async document(): Promise<OpenAPIObject> {
    const own = this.generated();
    return this.composer ? this.composer(own) : own;
  }
}

/** swagger-ui-dist, as @nestjs/swagger depends on it (resolved from there, so hoisting does not matter). */
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json', { paths: [dirname(require.resolve('@nestjs/swagger'))] }));
/** The files of swagger-ui-dist the page uses; nothing else of the package is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const PAGE =
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Trajectwacht API</title>' +
  '<link rel="stylesheet" href="/api/docs/swagger-ui.css"><link rel="stylesheet" href="/api/docs/index.css">' +
  '<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png"></head>\n' +
  '<body><div id="swagger-ui"></div>' +
  '<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/swagger-initializer.js"></script></body></html>\n';

/** Starts Swagger UI on the document; a file of its own, as the CSP allows no inline script. No validator badge (an outside image). */
const INITIALIZER =
  "window.addEventListener('load', function () {\n" +
  '  window.ui = SwaggerUIBundle({\n' +
  "    url: '/api/docs-json',\n" +
  "    dom_id: '#swagger-ui',\n" +
  '    deepLinking: true,\n' +
  '    validatorUrl: null,\n' +
  '    presets: [SwaggerUIBundle.presets.apis],\n' +
  "    layout: 'BaseLayout',\n" +
  '  });\n' +
  '});\n';

@ApiTags('docs')
@Controller('api')
export class ApiDocsController {
  constructor(private readonly docs: ApiDocs) {}

  @Get('docs-json')
  @ApiOperation({ summary: 'The OpenAPI 3 document of this service (the monitor: of the whole public API)' })
  @ApiPublic()
  @ApiOkResponse({ description: 'the OpenAPI 3.0 document', schema: { type: 'object' } })
  document(): Promise<OpenAPIObject> {
    return this.docs.document();
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: 'Swagger UI on the OpenAPI document' })
  @ApiPublic()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'the Swagger UI page', schema: { type: 'string' } })
  page(): string {
    return PAGE;
  }

  @Get('docs/:asset')
  @ApiOperation({ summary: "A file of Swagger UI (swagger-ui-dist's stylesheets, script and icons, and its initializer)" })
  @ApiPublic()
  @ApiParam({ name: 'asset', description: 'file name, e.g. swagger-ui-bundle.js', example: 'swagger-ui.css' })
  @ApiProduces('text/css', 'text/javascript', 'image/png')
  @ApiOkResponse({ description: 'the file', schema: { type: 'string' } })
  @ApiErrors([404, 'not a file of the page'])
  asset(@Param('asset') asset: string, @Res() res: Response): void {
    res.setHeader('cache-control', 'public, max-age=3600');
    if (asset === 'swagger-initializer.js') {
      res.type('text/javascript; charset=utf-8').send(INITIALIZER);
      return;
    }
    const type = Object.hasOwn(ASSETS, asset) ? ASSETS[asset] : undefined;
    if (!type) throw new NotFoundException(`no file ${asset.slice(0, 60)} in the API docs`);
    res.type(type).sendFile(join(SWAGGER_UI_DIR, asset));
  }
}

const DESCRIPTIONS: Record<string, string> = {
  ingest: 'The single entry for iJw 3.2 berichten (JW301/JW305/JW307): the answer is the decision and its retour bericht.',
  trajectory: "Each child's trajectories, by BSN or pseudonym, and the recorded follow-ups for 18+ (personal data, scoped).",
  signals: 'Alerts from the detection rules, their lifecycle, the webhooks of the toegang teams.',
  monitor:
    "The dashboard's API: login, indicators and CSV, the provider's berichten, the live stream; and, through its " +
    'same-origin proxy, the alerts and trajectory APIs. Operations with a server of their own are reached on that service.',
};

/**
 * Builds the service's document from its controllers (after NestFactory.create, before listen) and hands it to
 * ApiDocs; returns it. `schemas`: components the service's decorators refer to ($ref). Every operation needs a token
 * (`bearer`) unless it is marked public (`x-public`).
 */
export function setupApiDocs(app: INestApplication, options: { schemas?: Record<string, Record<string, unknown>> } = {}): OpenAPIObject {
  const service = app.get<string>(SERVICE_NAME);
  const config = new DocumentBuilder()
    .setTitle(`Trajectwacht ${service}`)
    .setDescription(
      `${DESCRIPTIONS[service] ?? ''} Every call needs \`Authorization: Bearer <token>\` unless marked public ` +
        '(docs/security.md). Generated from the controllers (@nestjs/swagger).',
    )
    .setVersion('v1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'access token: the dashboard login, npm run token, or OIDC' },
      BEARER,
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN (GET /metrics only; docs/operations.md)' }, METRICS_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    autoTagControllers: false, // a tag is given (@ApiTags), not made up from the class name
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...options.schemas,
      Health: {
        type: 'object',
        required: ['status', 'checks'],
        properties: {
          status: { type: 'string', enum: ['ok', 'degraded'] },
          checks: {
            type: 'object',
            description: 'per dependency (postgres, kafka, redis): up, or down: <reason>',
            additionalProperties: { type: 'string' },
            example: { postgres: 'up', kafka: 'up' },
          },
        },
      },
      Principal: {
        type: 'object',
        description: 'who the access token is for (libs/platform/src/auth.ts): the role and its organisation',
        required: ['role', 'sub'],
        properties: {
          role: { type: 'string', enum: ['toegang', 'aanbieder', 'regio', 'beheer'] },
          sub: { type: 'string', description: 'the user or system' },
          gemeente: { type: 'string', pattern: '^[0-9]{4}$', description: 'toegang: CBS gemeentecode' },
          beheerder: { type: 'boolean', description: "toegang: the gemeente's toegang beheerder" },
          agb: { type: 'string', pattern: '^[0-9]{8}$', description: 'aanbieder: AGB code' },
          regio: { type: 'string', description: 'regio: the jeugdzorgregio' },
          gemeenten: { type: 'array', items: { type: 'string' }, description: "regio: the region's gemeentecodes" },
        },
      },
      [ERROR_SCHEMA]: {
        type: 'object',
        description: 'an error answer',
        required: ['statusCode', 'message'],
        properties: {
          statusCode: { type: 'integer', example: 400 },
          message: {
            description: 'what is wrong (a text, or a list of problems)',
            oneOf: [{ type: 'string' }, { type: 'array', items: {} }],
          },
          error: { type: 'string', example: 'Bad Request' },
        },
      },
    },
  };
  app.get(ApiDocs).set(document);
  return document;
}

export interface RegisteredRoute {
  method: string;
  /** The Express path pattern (/api/v1/alerts/:id). */
  path: string;
}

/** What router 2.3's `listRoutes()` (the router of Express 5) reports per registered path. */
interface RouteInfo {
  path: string | RegExp;
  methods: string[] | undefined;
  router: { listRoutes?: () => RouteInfo[] } | undefined;
}

/** Every route (method + path) the app's Express router registered (HEAD of a GET left out: it is the GET). */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { listRoutes?: () => RouteInfo[] } };
  const list = (router: { listRoutes?: () => RouteInfo[] } | undefined, prefix: string): RegisteredRoute[] => {
    if (typeof router?.listRoutes !== 'function') throw new Error(`cannot enumerate the routes under "${prefix || '/'}"`);
    return router.listRoutes().flatMap((r) => {
      const path = `${prefix}${String(r.path)}`;
      if (r.router) return list(r.router, path);
      const methods = (r.methods ?? []).map((m) => m.toUpperCase());
      return methods.filter((m) => !(m === 'HEAD' && methods.includes('GET'))).map((method) => ({ method, path }));
    });
  };
  const unique = new Map(list(express.router, '').map((r) => [`${r.method} ${r.path}`, r]));
  return [...unique.values()].sort((x, y) => `${x.path} ${x.method}`.localeCompare(`${y.path} ${y.method}`));
}

/** The OpenAPI path of an Express path pattern: /api/v1/alerts/:id → /api/v1/alerts/{id}. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

interface Operation {
  summary?: string;
  tags?: string[];
  responses?: Record<string, unknown>;
  security?: Record<string, unknown>[];
  parameters?: { in?: string; name?: string }[];
  servers?: unknown[];
  [extension: `x-${string}`]: unknown;
}

/**
 * What is missing from the document for the registered routes (empty: all documented): an operation per route, with
 * a summary, a tag, a success answer (2xx), every path parameter, and either the bearer scheme with its 401 or the
 * explicit public mark; and no operation of this service (one without servers of its own) without its route.
 */
export function undocumentedRoutes(
  routes: RegisteredRoute[],
  document: OpenAPIObject,
  options: { except?: (route: RegisteredRoute) => boolean } = {},
): string[] {
  const problems: string[] = [];
  const paths = document.paths as Record<string, Record<string, Operation>>;
  const seen = new Set<string>();
  for (const route of routes) {
    if (options.except?.(route)) continue;
    const path = openApiPath(route.path);
    const name = `${route.method} ${route.path}`;
    seen.add(`${route.method.toLowerCase()} ${path}`);
    const op = paths[path]?.[route.method.toLowerCase()];
    if (!op) {
      problems.push(`${name}: not in the document`);
      continue;
    }
    if (!op.summary?.trim()) problems.push(`${name}: no summary (@ApiOperation)`);
    if (!op.tags?.length) problems.push(`${name}: no tag (@ApiTags)`);
    const statuses = Object.keys(op.responses ?? {});
    if (!statuses.some((s) => /^2\d\d$/.test(s))) problems.push(`${name}: no success answer (@ApiResponse 2xx)`);
    for (const [, param] of path.matchAll(/\{([^}]+)\}/g))
      if (!op.parameters?.some((p) => p.in === 'path' && p.name === param)) problems.push(`${name}: path parameter ${param} undocumented`);
    const secured = op.security?.some((s) => Object.keys(s).length > 0) ?? false;
    if (secured && !statuses.includes('401')) problems.push(`${name}: needs a token but documents no 401 (ApiAuth)`);
    if (!secured && op[PUBLIC_EXTENSION] !== true)
      problems.push(`${name}: neither a security scheme (ApiAuth) nor marked public (ApiPublic)`);
    if (secured && op[PUBLIC_EXTENSION] === true) problems.push(`${name}: marked public, but needs a token`);
  }
  for (const [path, ops] of Object.entries(paths))
    for (const [method, op] of Object.entries(ops))
      if (!op.servers && !seen.has(`${method} ${path}`) && !options.except?.({ method: method.toUpperCase(), path }))
        problems.push(`${method.toUpperCase()} ${path}: documented, but no such route`);
  return problems;
}

/**
 * The structure of an OpenAPI 3.0 document, checked without a validator package: the required fields, every path
 * starting with '/', every operation with responses whose keys are status codes, every $ref resolving in the
 * document, and path parameters required. Returns the problems (empty: valid).
 */
export function openApiProblems(document: unknown): string[] {
  const problems: string[] = [];
  const doc = document as Partial<OpenAPIObject> | null;
  if (!doc || typeof doc !== 'object') return ['not an object'];
  if (typeof doc.openapi !== 'string' || !/^3\.\d+\.\d+$/.test(doc.openapi))
    problems.push(`openapi: not a 3.x.y version (${String(doc.openapi)})`);
  if (typeof doc.info?.title !== 'string' || typeof doc.info?.version !== 'string') problems.push('info: title and version are required');
  if (!doc.paths || typeof doc.paths !== 'object') return [...problems, 'paths: required'];
  const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    if (!path.startsWith('/')) problems.push(`paths: ${path} does not start with /`);
    for (const [key, value] of Object.entries(item)) {
      if (['summary', 'description', 'servers', 'parameters'].includes(key) || key.startsWith('x-')) continue;
      if (!METHODS.includes(key)) {
        problems.push(`paths.${path}: ${key} is not an HTTP method`);
        continue;
      }
      const op = value as Operation & { operationId?: string; parameters?: { in?: string; name?: string; required?: boolean }[] };
      const responses = Object.keys(op.responses ?? {});
      if (responses.length === 0) problems.push(`${key} ${path}: responses required`);
      for (const status of responses)
        if (!/^([1-5](\d\d|XX)|default)$/.test(status)) problems.push(`${key} ${path}: response key ${status} is not a status code`);
      if (op.operationId) {
        if (operationIds.has(op.operationId)) problems.push(`${key} ${path}: operationId ${op.operationId} is not unique`);
        operationIds.add(op.operationId);
      }
      for (const p of op.parameters ?? []) {
        if (!p.name || !['query', 'header', 'path', 'cookie'].includes(p.in ?? ''))
          problems.push(`${key} ${path}: parameter without name or in`);
        if (p.in === 'path' && p.required !== true) problems.push(`${key} ${path}: path parameter ${p.name} must be required`);
        if (p.in === 'path' && !path.includes(`{${p.name}}`)) problems.push(`${key} ${path}: path parameter ${p.name} not in the path`);
      }
    }
  }
  const refs = JSON.stringify(doc).matchAll(/"\$ref":"([^"]*)"/g);
  for (const [, ref] of refs) {
    const target = ref!
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    if (!ref!.startsWith('#/') || target === undefined) problems.push(`$ref ${ref} does not resolve`);
  }
  return problems;
}
