import 'reflect-metadata';
import { createTrajectoryApp } from './app';

async function main(): Promise<void> {
  const app = await createTrajectoryApp();
  const port = Number(process.env.TRAJECTORY_PORT ?? 3002);
  await app.listen(port, process.env.HTTP_HOST ?? '127.0.0.1');
  process.stdout.write(JSON.stringify({ level: 'info', service: 'trajectory', msg: `trajectory service listening on http://127.0.0.1:${port}` }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`trajectory service failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
