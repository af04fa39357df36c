import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importGraph } from './import-graph';

/**
 * Test builders and fixtures live behind `@trajectwacht/<lib>/testing` (libs/<lib>/src/testing.ts), never behind a
 * library's production entry point, and stay out of the production build (tsconfig.build.json).
 */
const root = join(__dirname, '..');
const TESTING = /^libs\/[^/]+\/src\/(.*\/)?(testing|test-builders|test-fixtures|test-data|fixtures|legacy-corpus)\.ts$/;
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

describe('test builders are not in the production entry points', () => {
  const graph = importGraph(root);
  const reachable = (start: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      stack.push(...(graph.get(file) ?? []));
    }
    return seen;
  };

  it('knows the builders (the pattern is real)', () => {
    const builders = [...graph.keys()].filter((f) => TESTING.test(f));
    expect(builders).toEqual(
      expect.arrayContaining([
        'libs/ijw/src/regels/test-builders.ts',
        'libs/ijw/src/retour/fixtures.ts',
        'libs/indicators/src/testing.ts',
        'libs/indicators/src/test-data.ts',
        'libs/signals/src/test-builders.ts',
        'libs/trajectory/src/test-fixtures.ts',
      ]),
    );
  });

  it('no production file (apps, libs, tools; specs aside) reaches a builder through its imports', () => {
    const production = [...graph.keys()].filter((f) => !TEST_FILE.test(f) && !TESTING.test(f));
    const leaks = production.flatMap((f) => [...reachable(f)].filter((g) => TESTING.test(g)).map((g) => `${f} → ${g}`));
    expect(leaks).toEqual([]);
  });

  it('every library with builders has its testing entry, mapped in tsconfig.base.json', () => {
    const base = readFileSync(join(root, 'tsconfig.base.json'), 'utf8');
    for (const lib of ['ijw', 'trajectory', 'signals', 'indicators'])
      expect(base).toContain(`"@trajectwacht/${lib}/testing": ["libs/${lib}/src/testing.ts"]`);
  });

  it('the production build compiles none of them', () => {
    const files = execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--listFilesOnly'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => f.startsWith(root) && !f.includes('/node_modules/'))
      .map((f) => f.slice(root.length + 1));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => TESTING.test(f) || TEST_FILE.test(f) || f.startsWith('test/') || f.startsWith('bench/'))).toEqual([]);
  }, 120_000);
});
