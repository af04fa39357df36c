import 'reflect-metadata';
import { createSignalsApp } from './app';

async function main(): Promise<void> {
  const app = await createSignalsApp();
  const port = Number(process.env.SIGNALS_PORT ?? 3003);
  await app.listen(port, process.env.HTTP_HOST ?? '127.0.0.1');
  process.stdout.write(JSON.stringify({ level: 'info', service: 'signals', msg: `signal service listening on http://127.0.0.1:${port}` }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`signal service failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
