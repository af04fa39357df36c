import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets come from the environment, never from the repository: a scan of every tracked file. The only values a
 * secret variable is ever given in the repository are references to the environment (`${AUTH_SECRET...}`,
 * `process.env.AUTH_SECRET`) or the named placeholders below; there is no private key and no 256-bit hex key (the
 * shape `openssl rand -hex 32` produces); the folder the scripts generate local secrets into is ignored by git.
 * Unit tests may use their own obviously fake constants (`*.spec.ts`), which no service ever reads.
 */
const ROOT = join(__dirname, '..');
const SECRET_VARIABLES = /(?<![{$\w])(AUTH_SECRET|PSEUDONYM_SECRET|WEBHOOK_SECRET|[A-Z_]*PASSWORD)\b\s*[:=]\s*(.+)$/;
/** Values that are not secrets: environment references, and the placeholders of config checks and CLI defaults. */
const ALLOWED_VALUE = [
  /^["']?\$\{?[A-Z_]+/, // ${AUTH_SECRET:?...}, "$AUTH_SECRET"
  /^["']?\$\(/, // generated when the command runs: $(openssl rand -hex 32)
  /^process\.env\./,
  /compose-config-check-placeholder/, // scripts/check-compose.sh: only for `docker-compose config`
  /^process\.env\.PSEUDONYM_SECRET \?\? 'x'\.repeat\(32\)/, // the token CLI needs no pseudonym secret
  /^\.\.\.(\s|$)|^<[^>]+>$/, // documentation: AUTH_SECRET=... or <secret>
];

function trackedTextFiles(): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  return files.filter((f) => !/\.(png|jpg|ico|jar)$/.test(f) && f !== 'package-lock.json');
}

describe('no secret in the repository', () => {
  const files = trackedTextFiles();

  it('scans a real checkout', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('scripts/secrets.sh');
  });

  it('gives secret variables no literal value outside unit tests', () => {
    const findings: string[] = [];
    for (const file of files.filter((f) => !f.endsWith('.spec.ts'))) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const part of line.split(/\s(?=[A-Z_]+=)|,\s*/)) {
            const match = SECRET_VARIABLES.exec(part.trim());
            if (!match) continue;
            const value = match[2]!.trim();
            // a variable, not a literal
            if (value === '' || ALLOWED_VALUE.some((allowed) => allowed.test(value)) || /^[a-z_.]+[,;)]?$/i.test(value)) continue;
            findings.push(`${file}:${i + 1}: ${match[1]} = ${value.slice(0, 40)}`);
          }
        });
    }
    expect(findings).toEqual([]);
  });

  it('holds no private key and no 256-bit hex key', () => {
    const findings = files.filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i.test(text);
    });
    expect(findings).toEqual([]);
  });

  it('keeps the generated local secrets out of git', () => {
    expect(readFileSync(join(ROOT, 'scripts', 'secrets.sh'), 'utf8')).toMatch(/\.data\/secrets\.env/);
    const ignored = execFileSync('git', ['check-ignore', '.data/secrets.env'], { cwd: ROOT, encoding: 'utf8' }).trim();
    expect(ignored).toBe('.data/secrets.env');
  });
});
