import 'reflect-metadata';
import { createMonitorApp } from './app';

async function main(): Promise<void> {
  const app = await createMonitorApp();
  const port = Number(process.env.MONITOR_PORT ?? 3000);
  await app.listen(port, process.env.HTTP_HOST ?? '127.0.0.1');
  process.stdout.write(JSON.stringify({ level: 'info', service: 'monitor', msg: `dashboard on http://127.0.0.1:${port}` }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`monitor failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
