import type { INestApplication } from '@nestjs/common';

/**
 * The entry point every service shares: build the application, listen on <PORT_VARIABLE> (or the default) and
 * HTTP_HOST, log where, and exit non-zero with the reason when start-up fails (e.g. invalid configuration).
 */
export function runService(service: string, create: () => Promise<INestApplication>, portVariable: string, defaultPort: number): void {
  (async () => {
    const app = await create();
    const port = Number(process.env[portVariable] ?? defaultPort);
    await app.listen(port, process.env.HTTP_HOST ?? '127.0.0.1');
    process.stdout.write(JSON.stringify({ level: 'info', service, msg: `${service} listening on http://127.0.0.1:${port}` }) + '\n');
  })().catch((error) => {
    process.stderr.write(`${service} failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
