import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { ROOT } from './processes';

/** A private signing key of the provider (RS256), as a JWK with its key id. */
export type SigningKey = JWK & { kid: string };

export function newSigningKey(kid = `k-${randomBytes(4).toString('hex')}`): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' };
}

/** The configuration of tools/oidc-dev-provider.mjs (see the comment at its top). */
export interface DevProviderConfig {
  audience?: string;
  otherAudiences?: string[];
  keys?: SigningKey[];
  accounts?: Record<string, Record<string, unknown>>;
  clients?: Record<string, unknown>[];
  firstParty?: string[];
}

/**
 * The real OpenID provider of the tests: tools/oidc-dev-provider.mjs (oidc-provider 9) as its own node process on a
 * port the kernel chooses (--port 0, so no other listener can take it first). `restart` starts it again on the same
 * port and issuer with another configuration (key rotation, a client's redirect URI known only later).
 */
export class DevOidcProvider {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'oidc-dev-'));
  port = 0;
  output = '';

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(config: DevProviderConfig): Promise<void> {
    const file = join(this.dir, 'config.json');
    writeFileSync(file, JSON.stringify(config));
    const child = spawn(process.execPath, ['tools/oidc-dev-provider.mjs', '--port', String(this.port), '--config', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start within 20 s:\n${this.output}`)), 20_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        const ready = /\{"ready":true,[^\n]*"port":(\d+)/.exec(this.output);
        if (ready) {
          this.port = Number(ready[1]);
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the OpenID provider exited (${code}):\n${this.output}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  }

  /** Stops and starts it again, same port and issuer, with `config` (e.g. a new signing key first). */
  async restart(config: DevProviderConfig): Promise<void> {
    await this.stop();
    await this.start(config);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
