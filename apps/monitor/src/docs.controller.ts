import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';

import { decodeWith, object, optional, record, string } from '@trajectwacht/contracts';
import { OPENAPI_FILE as SPEC } from './paths';

/** What the page reads of the OpenAPI document (the checked-in apps/monitor/openapi.json). */
const OPENAPI = object({
  info: object({ title: string, version: string, description: string }),
  paths: record(record(object({ summary: optional(string), description: optional(string) }))),
});

/** OpenAPI document of the platform's HTTP APIs, and a readable page listing its operations. */
@Controller('api/docs')
export class DocsController {
  @Get('openapi.json')
  @Header('content-type', 'application/json')
  spec(): string {
    return readFileSync(SPEC, 'utf8');
  }

  /** The page's style as a file of its own: the Content-Security-Policy allows no inline style. */
  @Get('docs.css')
  @Header('content-type', 'text/css; charset=utf-8')
  css(): string {
    return (
      'body{font-family:system-ui,sans-serif;margin:2rem;max-width:75rem}table{border-collapse:collapse;width:100%}' +
      'td{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top}\n'
    );
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    const spec = decodeWith(SPEC, OPENAPI, JSON.parse(readFileSync(SPEC, 'utf8')));
    const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
    const rows = Object.entries(spec.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(
          ([method, op]) =>
            `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td>` +
            `<td>${esc(op.summary ?? '')}</td><td>${esc(op.description ?? '')}</td></tr>`,
        ),
      )
      .join('\n');
    return (
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(spec.info.title)} API</title>
<link rel="stylesheet" href="/api/docs/docs.css"></head>
<body><h1>${esc(spec.info.title)} ${esc(spec.info.version)}</h1><p>${esc(spec.info.description)}</p>` +
      `<p><a href="/api/docs/openapi.json">openapi.json</a></p>
<table><thead><tr><th>method</th><th>path</th><th>summary</th><th>description</th></tr></thead>` +
      `<tbody>${rows}</tbody></table></body></html>`
    );
  }
}
