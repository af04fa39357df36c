import { createHash } from 'node:crypto';
import { simulateBerichten, type SimulateOptions } from './simulate';

/**
 * The simulator's output is fixed by its seed: these hashes were computed from the code before the generation was
 * made faster for the pipeline benchmark (commit 95186a4, issue 16.2), over JSON.stringify of every bericht (time,
 * sender, soort, regels, JSON form, XML, scenario, initieel). A change that alters any bericht changes them; change
 * them only on purpose, together with the benchmarks and docs that read the simulator's output.
 */
const CASES: { name: string; options: SimulateOptions; n: number; count: number; hash: string }[] = [
  {
    name: 'national 2025, seed 1, scale 0.002 (the pipeline benchmark at a small scale), the whole year',
    options: { region: 'national', seed: 1, from: '2025-01-01', to: '2025-12-31', scale: 0.002 },
    n: 3000,
    count: 2829,
    hash: '099aaa0f34b94782f6abfb5f393c3062',
  },
  {
    name: 'flevoland 2024-01…04, seed 5, scale 0.5, request side on, the first 3 000',
    options: { region: 'flevoland', seed: 5, from: '2024-01-01', to: '2024-04-30', scale: 0.5, verzoeken: true },
    n: 3000,
    count: 3000,
    hash: '4af5f60c1172226267a0afb7bd0fbc0a',
  },
];

function hashOf(options: SimulateOptions, n: number): { count: number; hash: string } {
  const h = createHash('sha256');
  let count = 0;
  for (const b of simulateBerichten(options)) {
    if (count >= n) break;
    h.update(JSON.stringify(b));
    h.update('\n');
    count++;
  }
  return { count, hash: h.digest('hex').slice(0, 32) }; // 128 bits: enough to compare, and no 256-bit hex (repository-secrets.spec)
}

describe('simulator output is unchanged (stored hashes of the output before the generation was made faster)', () => {
  for (const c of CASES) {
    it(`${c.name}: with the XML check`, () => {
      expect(hashOf(c.options, c.n)).toEqual({ count: c.count, hash: c.hash });
    });
    it(`${c.name}: without it (validateXml: false, the benchmark's bulk generation) the same berichten`, () => {
      expect(hashOf({ ...c.options, validateXml: false }, c.n)).toEqual({ count: c.count, hash: c.hash });
    });
  }
});
