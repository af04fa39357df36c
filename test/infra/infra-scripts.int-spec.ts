import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * The infrastructure scripts on spare ports: `infra.sh up` uses what is reachable (PostgreSQL here) and starts what is
 * not (a second Kafka broker from the Maven jars, a second Redis), a second `up` reuses them, and `infra.sh down`
 * stops exactly what `up` started and nothing else.
 */
describe('infra scripts: start what is missing, reuse what runs, stop only their own', () => {
  it('starts Kafka and Redis on free ports, is idempotent, and stops only those', () => {
    const env = {
      ...process.env,
      TRAJECTWACHT_DATA_DIR: mkdtempSync(join(tmpdir(), 'tw-infra-')),
      KAFKA_BROKERS: '127.0.0.1:19092',
      REDIS_URL: 'redis://127.0.0.1:16379',
      TRAJECTWACHT_TOPIC_PREFIX: 'infra-test.',
      KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
    };
    const run = (...args: string[]) =>
      execFileSync('bash', [join(ROOT, 'infra/scripts/infra.sh'), ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return (async () => {
      expect(await reachable(19092)).toBe(false);
      try {
        run('up');
        expect(await reachable(19092)).toBe(true);
        expect(await reachable(16379)).toBe(true);
        const status = run('status');
        expect(status).toMatch(/kafka: up at 127\.0\.0\.1:19092 \(started by us\)/);
        expect(status).toMatch(/redis: up at 127\.0\.0\.1:16379 \(started by us\)/);
        expect(status).toMatch(/postgres: up at 127\.0\.0\.1:5432$/m); // reachable already: used, not started
        run('up'); // idempotent: reuses what runs
        expect(run('status')).toMatch(/kafka: up at 127\.0\.0\.1:19092 \(started by us\)/);
      } finally {
        run('down');
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(await reachable(19092)).toBe(false);
      expect(await reachable(16379)).toBe(false);
      expect(await reachable(5432)).toBe(true); // not ours: left alone
      expect(await reachable(9092)).toBe(true); // the test run's own broker: left alone
    })();
  });
});
