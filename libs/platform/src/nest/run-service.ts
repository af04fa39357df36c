import type { INestApplication } from '@nestjs/common';
import { setting } from '../config';

/**
 * The entry point every service shares: build the application, listen on <PORT_VARIABLE> (its default in config.ts) and
 * HTTP_HOST, log where, and exit non-zero with the reason when start-up fails (e.g. invalid configuration).
 */
export function runService(
  service: string,
  create: () => Promise<INestApplication>,
  portVariable: 'INGEST_PORT' | 'TRAJECTORY_PORT' | 'SIGNALS_PORT' | 'MONITOR_PORT',
): void {
  (async () => {
    const port = setting(portVariable);
    const host = setting('HTTP_HOST');
    const app = await create();
    await app.listen(port, host);
    process.stdout.write(JSON.stringify({ level: 'info', service, msg: `${service} listening on http://127.0.0.1:${port}` }) + '\n');
  })().catch((error) => {
    process.stderr.write(`${service} failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
