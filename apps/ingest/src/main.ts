import 'reflect-metadata';
import { createIngestApp } from './app';

async function main(): Promise<void> {
  const app = await createIngestApp();
  const port = Number(process.env.INGEST_PORT ?? 3001);
  await app.listen(port, process.env.HTTP_HOST ?? '127.0.0.1');
  process.stdout.write(JSON.stringify({ level: 'info', service: 'ingest', msg: `ingest listening on http://127.0.0.1:${port}` }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`ingest failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
