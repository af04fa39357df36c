import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { type Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { ApiDocs, contentSecurityPolicy, openApiPath, openApiProblems, registeredRoutes, undocumentedRoutes } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { proxiedPatterns, proxiedTo } from '../../apps/monitor/src/api-docs';
import { createSignalsApp } from '../../apps/signals/src/app';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { dropSchema, freshDatabase, isolateServices, testConfig, uniqueName } from '../support/infra';

const SERVICES = ['ingest', 'trajectory', 'signals', 'monitor'] as const;
type Service = (typeof SERVICES)[number];

/**
 * Generated API docs (issue 18 point 6) on the four running services: every route the Express router registered is in
 * the service's OpenAPI document with a summary, a tag, a success answer and its auth (bearer + 401, or explicitly
 * public); the monitor's document covers the whole public API (its own and every upstream operation, proxied or with
 * its own server); every document is structurally OpenAPI 3; Swagger UI is served at /api/docs and renders in
 * Chromium under the platform's CSP without a violation.
 */
describe('generated API docs (OpenAPI from the controllers, Swagger UI at /api/docs)', () => {
  const schema = uniqueName('apidocs');
  const apps = new Map<Service, INestApplication>();
  const urls = new Map<Service, string>();
  let restoreEnv: (() => void) | undefined;

  beforeAll(async () => {
    restoreEnv = isolateServices();
    const config = testConfig();
    for (const [name, create] of [
      ['ingest', createIngestApp],
      ['trajectory', createTrajectoryApp],
      ['signals', createSignalsApp],
    ] as const) {
      const app = await create({ config, schema });
      await app.listen(0, '127.0.0.1');
      apps.set(name, app);
      urls.set(name, (await app.getUrl()).replace('[::1]', '127.0.0.1'));
    }
    const monitor = await createMonitorApp({
      config,
      schema,
      settings: { trajectoryUrl: urls.get('trajectory')!, signalsUrl: urls.get('signals')!, ingestUrl: urls.get('ingest')! },
    });
    await monitor.listen(0, '127.0.0.1');
    apps.set('monitor', monitor);
    urls.set('monitor', (await monitor.getUrl()).replace('[::1]', '127.0.0.1'));
  });

  afterAll(async () => {
    for (const app of [...apps.values()].reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  const documentOf = async (service: Service): Promise<OpenAPIObject> => {
    const res = await fetch(`${urls.get(service)}/api/docs-json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    return (await res.json()) as OpenAPIObject;
  };
  /** The monitor's proxy routes: documented by the proxied services' documents, checked in the composed one below. */
  const isProxy = (route: { method: string; path: string }) =>
    proxiedPatterns().some((p) => p.method === route.method && p.path === route.path);

  it.each(SERVICES)('%s: every registered route is documented (summary, tag, success answer, auth), and nothing else', async (service) => {
    const app = apps.get(service)!;
    const routes = registeredRoutes(app);
    expect(routes.length).toBeGreaterThan(3);
    const own = service === 'monitor' ? app.get(ApiDocs).generated() : await documentOf(service);
    const problems = undocumentedRoutes(routes, own, { except: service === 'monitor' ? isProxy : undefined });
    // A route missing here: give it @ApiTags, @ApiOperation({ summary }), @ApiResponse(s) and ApiAuth() or ApiPublic()
    // (libs/platform/src/nest/api-docs.ts); a new route of the monitor's proxy goes into PROXIED (apps/monitor/src/api-docs.ts).
    expect(problems).toEqual([]);
    expect(openApiProblems(own)).toEqual([]);
    // the docs themselves are routes of every service, documented like the rest
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/api/docs-json' },
        { method: 'GET', path: '/api/docs' },
      ]),
    );
  });

  it("the monitor's document covers the whole public API: its own operations and every upstream one", async () => {
    const merged = await documentOf('monitor');
    expect(openApiProblems(merged)).toEqual([]);
    expect(merged['x-missing-services' as keyof OpenAPIObject]).toBeUndefined();
    const ops = merged.paths as Record<string, Record<string, { servers?: { url: string }[]; summary?: string; 'x-service'?: string }>>;
    const own = apps.get('monitor')!.get(ApiDocs).generated();
    for (const [path, item] of Object.entries(own.paths)) for (const method of Object.keys(item)) expect(ops[path]?.[method]).toBeDefined();
    for (const service of ['ingest', 'trajectory', 'signals'] as const) {
      const upstreamRoutes = registeredRoutes(apps.get(service)!).filter((r) => !/^\/(health|metrics)$|^\/api\/docs/.test(r.path));
      expect(upstreamRoutes.length).toBeGreaterThan(0);
      for (const route of upstreamRoutes) {
        const path = openApiPath(route.path);
        const op = ops[path]?.[route.method.toLowerCase()];
        expect({ route: `${route.method} ${path}`, documented: Boolean(op?.summary), service: op?.['x-service'] }).toEqual({
          route: `${route.method} ${path}`,
          documented: true,
          service,
        });
        // proxied: on the monitor's origin; otherwise on the service's own server
        if (proxiedTo(route.method, path) === service) expect(op!.servers).toBeUndefined();
        else expect(op!.servers?.[0]?.url).toBe(urls.get(service));
      }
    }
    // the proxy forwards the alert and trajectory APIs; ingest is reached on its own server
    expect(ops['/api/v1/alerts/inbox']!.get!.servers).toBeUndefined();
    expect(ops['/api/v1/pseudoniemen/{pseudonym}/vervolg']!.post!.servers).toBeUndefined();
    expect(ops['/api/v1/berichten']!.post!.servers).toEqual([expect.objectContaining({ url: urls.get('ingest') })]);
    expect(merged.components?.securitySchemes?.bearer).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    );
  });

  it('the iJw berichten are documented as application/xml with their XSD, and in the JSON form', async () => {
    const doc = await documentOf('ingest');
    const post = (
      doc.paths['/api/v1/berichten'] as unknown as {
        post: { requestBody: { content: Record<string, { schema: Record<string, unknown> }> } };
      }
    ).post;
    expect(Object.keys(post.requestBody.content)).toEqual(expect.arrayContaining(['application/xml', 'application/json']));
    expect(JSON.stringify(post.requestBody.content['application/xml'])).toContain('#/components/schemas/JW305Xml');
    // the XML schema names the root element, its namespace and the XSD
    const jw305 = doc.components!.schemas!.JW305Xml as { xml: { name: string; namespace: string }; externalDocs: { description: string } };
    expect(jw305.xml).toEqual(expect.objectContaining({ name: 'Bericht', namespace: 'http://www.istandaarden.nl/ijw/3_2/jw305/schema' }));
    expect(jw305.externalDocs.description).toMatch(/JW305\.xsd/);
    expect(JSON.stringify(post.requestBody.content['application/json'])).toContain('#/components/schemas/JW305Json');
    const responses = Object.keys((doc.paths['/api/v1/berichten'] as unknown as { post: { responses: object } }).post.responses);
    expect(responses).toEqual(expect.arrayContaining(['200', '202', '401', '403', '413', '422']));
  });

  it('serves Swagger UI at /api/docs from its own files, with no inline script, under the unchanged CSP', async () => {
    for (const service of SERVICES) {
      const page = await fetch(`${urls.get(service)}/api/docs`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<div id="swagger-ui">');
      // every script is a file of its own (the CSP allows no inline script): <script src=…></script> only
      for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(attrs).toMatch(/src="\/api\/docs\//);
        expect(body).toBe('');
      }
      expect(html).not.toMatch(/<style|style=/);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      for (const [asset, type] of [
        ['swagger-ui-bundle.js', /javascript/],
        ['swagger-initializer.js', /javascript/],
        ['swagger-ui.css', /text\/css/],
      ] as const) {
        const res = await fetch(`${urls.get(service)}/api/docs/${asset}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(type);
      }
      expect((await fetch(`${urls.get(service)}/api/docs/package.json`)).status).toBe(404);
    }
    const initializer = await (await fetch(`${urls.get('monitor')}/api/docs/swagger-initializer.js`)).text();
    expect(initializer).toContain("url: '/api/docs-json'");
    expect(contentSecurityPolicy(false)['script-src']).toEqual(["'self'"]);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("Swagger UI renders the monitor's whole document without a CSP violation or a page error", async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to (apply|execute|load|connect|evaluate)/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript({
        content:
          "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + " +
          "e.violatedDirective + ' ' + e.blockedURI));",
      });
      await page.goto(`${urls.get('monitor')}/api/docs`);
      await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      const summaries = await page.locator('.opblock-summary-path').allTextContents();
      // the monitor's own operations and the proxied and ingest ones, in one page
      expect(summaries.map((s) => s.replace(/\u200b/g, ''))).toEqual(
        expect.arrayContaining(['/api/v1/login', '/api/v1/alerts/inbox', '/api/v1/trajecten/{id}', '/api/v1/berichten']),
      );
      // an operation opens with its parameters and answers
      await page.locator('#operations-dashboard-Monitor_indicators').click();
      await page.locator('#operations-dashboard-Monitor_indicators .responses-table').first().waitFor();
      expect(await page.locator('#operations-dashboard-Monitor_indicators .response-col_status').allTextContents()).toEqual(
        expect.arrayContaining(['200', '400', '401', '403']),
      );
      expect(await page.locator('.btn.authorize').count()).toBe(1);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
