/**
 * docker-compose.yml and the Dockerfile stay correct for users who have Docker (this machine has no engine, so
 * scripts/check-compose.sh validates the syntax and this spec the content): every service of apps/ runs in the stack
 * from the one image, the image holds what each service reads at run time, and the monitor reaches the others by
 * their compose names on their own ports.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** The top-level services of docker-compose.yml with their block of lines (two-space indented keys under services:). */
function composeServices(): Map<string, string> {
  const body = compose.slice(compose.indexOf('\nservices:\n'));
  const blocks = new Map<string, string>();
  let name: string | undefined;
  for (const line of body.split('\n').slice(2)) {
    if (/^\S/.test(line) && !line.startsWith('#')) break; // the next top-level key (volumes:)
    const key = /^ {2}([a-z0-9-]+):\s*$/.exec(line);
    if (key) {
      name = key[1]!;
      blocks.set(name, '');
    } else if (name) blocks.set(name, blocks.get(name)! + line + '\n');
  }
  return blocks;
}

/** Directories the runtime stage copies from the build stage (COPY --from=build /app/<src> ./<dest>). */
function copiedIntoImage(): string[] {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  return [...runtime.matchAll(/^COPY --from=build \/app\/(\S+) \.\/(\S+)$/gm)].map((m) => m[2]!.replace(/\/$/, ''));
}

/** The services: apps whose main starts a Nest application (the simulator is a command, not a service). */
function serviceApps(): string[] {
  return readdirSync(join(ROOT, 'apps')).filter((app) => existsSync(join(ROOT, 'apps', app, 'src', 'app.ts')));
}

describe('docker-compose.yml and the Dockerfile', () => {
  const services = composeServices();

  it('reads the compose file as a user of Docker would see it', () => {
    expect([...services.keys()]).toEqual(expect.arrayContaining(['kafka', 'postgres', 'redis', 'create-topics']));
    expect(serviceApps()).toEqual(expect.arrayContaining(['ingest', 'trajectory', 'signals', 'monitor']));
  });

  it.each(serviceApps())('runs the %s service from the one image, with its own port published', (app) => {
    const block = services.get(app);
    expect(block).toBeDefined();
    expect(block).toMatch(/^ {4}build: \.$/m);
    expect(block).toContain(`SERVICE: ${app}`);
    const port = /(?:INGEST|TRAJECTORY|SIGNALS|MONITOR)_PORT: '(\d+)'/.exec(block!)?.[1];
    expect(port).toBeDefined();
    expect(block).toContain(`- '${port}:${port}'`);
    expect(existsSync(join(ROOT, 'apps', app, 'src', 'main.ts'))).toBe(true);
  });

  it('runs PostgreSQL with settings for a national year, autovacuum left on', () => {
    const postgres = services.get('postgres')!;
    const command = /^ {4}command: (\['postgres'(?:, '-c', '[a-z_]+=[^']+')+\])$/m.exec(postgres)?.[1];
    expect(command).toBeDefined();
    expect(command).toContain("'shared_buffers=2GB'");
    expect(command).toContain("'max_wal_size=8GB'");
    expect(command).not.toContain('autovacuum');
    // shared_buffers lives in the server's main shared memory; /dev/shm (64 MB by default) holds parallel queries' segments
    expect(postgres).toMatch(/^ {4}shm_size: \d+mb$/m);
  });

  it('starts each service from its compiled main, which the image holds', () => {
    expect(dockerfile).toMatch(/dist\/apps\/\$\{SERVICE\}\/src\/main\.js/);
    expect(copiedIntoImage()).toEqual(expect.arrayContaining(['node_modules', 'dist', 'tools', 'infra/kafka/topics.json']));
  });

  it('copies the dashboard files the monitor serves (apps/monitor/src/paths.ts looks for apps/monitor/web)', () => {
    expect(readFileSync(join(ROOT, 'apps/monitor/src/paths.ts'), 'utf8')).toContain("'apps', 'monitor', 'web'");
    expect(copiedIntoImage()).toContain('apps/monitor/web');
  });

  it('points the monitor at the other services by their compose names and ports', () => {
    const monitor = services.get('monitor')!;
    for (const [variable, app, portVariable] of [
      ['INGEST_URL', 'ingest', 'INGEST_PORT'],
      ['TRAJECTORY_URL', 'trajectory', 'TRAJECTORY_PORT'],
      ['SIGNALS_URL', 'signals', 'SIGNALS_PORT'],
    ] as const) {
      const port = new RegExp(`${portVariable}: '(\\d+)'`).exec(services.get(app)!)?.[1];
      expect(monitor).toContain(`${variable}: http://${app}:${port}`);
    }
    expect(monitor).toMatch(/depends_on:[\s\S]*postgres:/);
  });

  it('passes the sign-in settings to every service (the same verifier runs in all four)', () => {
    const anchor = compose.slice(compose.indexOf('x-service-env:'), compose.indexOf('\nservices:'));
    for (const variable of ['PSEUDONYM_SECRET', 'AUTH_SECRET', 'AUTH_DEMO', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'BSN_KEYS']) {
      expect(anchor).toContain(`${variable}:`);
    }
    for (const app of serviceApps()) expect(services.get(app)).toContain('<<: *service-env');
  });

  it('lets Prometheus scrape every service', () => {
    const prometheus = readFileSync(join(ROOT, 'infra/prometheus/prometheus.yml'), 'utf8');
    for (const app of serviceApps()) expect(prometheus).toContain(`'${app}:9464'`);
  });
});
