import { Body, Controller, Get, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, type OpenAPIObject } from '@nestjs/swagger';
import {
  ApiAuth,
  ApiDocs,
  ApiDocsController,
  ApiErrors,
  ApiPublic,
  openApiProblems,
  registeredRoutes,
  setupApiDocs,
  undocumentedRoutes,
} from './api-docs';
import { SERVICE_NAME } from './tokens';

@ApiTags('things')
@Controller('api/v1/things')
class DocumentedController {
  @Get(':id')
  @ApiOperation({ summary: 'One thing' })
  @ApiAuth()
  @ApiOkResponse({ description: 'the thing' })
  @ApiErrors(404)
  one(@Param('id') id: string): string {
    return id;
  }

  @Get()
  @ApiOperation({ summary: 'Public things' })
  @ApiPublic()
  @ApiOkResponse({ description: 'the things' })
  list(): string[] {
    return [];
  }
}

/** Deliberately undocumented: a new route added without any decorator of @nestjs/swagger. */
@Controller('api/v1/forgotten')
class UndocumentedController {
  @Get(':id')
  read(@Param('id') id: string): string {
    return id;
  }

  @Post()
  write(@Body() body: unknown): unknown {
    return body;
  }
}

/** Half documented: a summary and a tag, but no auth (neither ApiAuth nor ApiPublic), and a bearer route without 401. */
@ApiTags('half')
@Controller('api/v1/half')
class HalfDocumentedController {
  @Get('no-auth')
  @ApiOperation({ summary: 'Forgot ApiAuth' })
  @ApiOkResponse({ description: 'ok' })
  noAuth(): string {
    return '';
  }

  @Get('no-401')
  @ApiOperation({ summary: 'Bearer without its 401' })
  @ApiBearerAuth('bearer')
  @ApiOkResponse({ description: 'ok' })
  no401(): string {
    return '';
  }

  @Get('no-success')
  @ApiOperation({ summary: 'Only errors' })
  @ApiAuth()
  noSuccess(): string {
    return '';
  }
}

async function appWith(...controllers: (new (...args: never[]) => unknown)[]): Promise<{ app: INestApplication; document: OpenAPIObject }> {
  @Module({ controllers: [...controllers, ApiDocsController], providers: [{ provide: SERVICE_NAME, useValue: 'test' }, ApiDocs] })
  class TestModule {}
  const app = await NestFactory.create(TestModule, { logger: false });
  const document = setupApiDocs(app);
  await app.init();
  return { app, document };
}

describe('generated API docs: a route without its documentation is found', () => {
  const apps: INestApplication[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('passes documented routes (and the docs routes themselves), with a valid OpenAPI 3 document', async () => {
    const { app, document } = await appWith(DocumentedController);
    apps.push(app);
    const routes = registeredRoutes(app);
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/api/v1/things/:id' },
        { method: 'GET', path: '/api/v1/things' },
        { method: 'GET', path: '/api/docs-json' },
        { method: 'GET', path: '/api/docs' },
        { method: 'GET', path: '/api/docs/:asset' },
      ]),
    );
    expect(undocumentedRoutes(routes, document)).toEqual([]);
    expect(openApiProblems(document)).toEqual([]);
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components?.securitySchemes?.bearer).toEqual(expect.objectContaining({ scheme: 'bearer', bearerFormat: 'JWT' }));
    const one = document.paths['/api/v1/things/{id}']!.get!;
    expect(one.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(one.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404']));
    expect(app.get(ApiDocs).generated()).toBe(document);
  });

  it('names every route of a controller added without decorators', async () => {
    const { app, document } = await appWith(DocumentedController, UndocumentedController);
    apps.push(app);
    const problems = undocumentedRoutes(registeredRoutes(app), document);
    expect(problems).toEqual(
      expect.arrayContaining([
        'GET /api/v1/forgotten/:id: no summary (@ApiOperation)',
        'GET /api/v1/forgotten/:id: no tag (@ApiTags)',
        'GET /api/v1/forgotten/:id: neither a security scheme (ApiAuth) nor marked public (ApiPublic)',
        'POST /api/v1/forgotten: no summary (@ApiOperation)',
        'POST /api/v1/forgotten: neither a security scheme (ApiAuth) nor marked public (ApiPublic)',
      ]),
    );
    expect(problems.every((p) => p.includes('/api/v1/forgotten'))).toBe(true);
  });

  it('names a route without its auth, a bearer route without 401 and one without a success answer', async () => {
    const { app, document } = await appWith(HalfDocumentedController);
    apps.push(app);
    expect(undocumentedRoutes(registeredRoutes(app), document)).toEqual([
      'GET /api/v1/half/no-401: needs a token but documents no 401 (ApiAuth)',
      'GET /api/v1/half/no-auth: neither a security scheme (ApiAuth) nor marked public (ApiPublic)',
      'GET /api/v1/half/no-success: no success answer (@ApiResponse 2xx)',
    ]);
  });

  it('names a route missing from the document, and a documented operation without its route', async () => {
    const { app, document } = await appWith(DocumentedController);
    apps.push(app);
    const routes = registeredRoutes(app);
    const stale = structuredClone(document);
    stale.paths['/api/v1/gone'] = { get: { summary: 'Gone', tags: ['x'], responses: { 200: { description: 'ok' } } } };
    delete stale.paths['/api/v1/things'];
    expect(undocumentedRoutes(routes, stale)).toEqual([
      'GET /api/v1/things: not in the document',
      'GET /api/v1/gone: documented, but no such route',
    ]);
    // an operation of another server (the monitor's composed document) is not this service's route
    stale.paths['/api/v1/gone']!.get!.servers = [{ url: 'http://elsewhere' }];
    expect(undocumentedRoutes(routes, stale)).toEqual(['GET /api/v1/things: not in the document']);
  });

  it('the structure check refuses what is not OpenAPI 3', () => {
    expect(openApiProblems(null)).toEqual(['not an object']);
    expect(
      openApiProblems({
        openapi: '2.0',
        info: { title: 'x' },
        paths: {
          'no-slash': {},
          '/a/{id}': {
            get: { responses: { 200: { $ref: '#/components/responses/Missing' } }, parameters: [{ in: 'path', name: 'id' }] },
            post: { responses: {} },
            fetch: {},
          },
          '/b': {
            get: { responses: { ok: { description: 'x' } }, operationId: 'same' },
            put: { responses: { 200: {} }, operationId: 'same' },
          },
        },
      }),
    ).toEqual([
      'openapi: not a 3.x.y version (2.0)',
      'info: title and version are required',
      'paths: no-slash does not start with /',
      'get /a/{id}: path parameter id must be required',
      'post /a/{id}: responses required',
      'paths./a/{id}: fetch is not an HTTP method',
      'get /b: response key ok is not a status code',
      'put /b: operationId same is not unique',
      '$ref #/components/responses/Missing does not resolve',
    ]);
  });
});
