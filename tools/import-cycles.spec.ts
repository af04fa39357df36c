import { join } from 'node:path';
import { importCycles, importGraph, type ImportGraph } from './import-graph';

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('importCycles', () => {
  it('finds every cycle, each as one path from its smallest file back to it', () => {
    const graph = graphOf({
      'a.ts': ['b.ts'],
      'b.ts': ['c.ts'],
      'c.ts': ['a.ts', 'd.ts'],
      'd.ts': [],
      'e.ts': ['f.ts'],
      'f.ts': ['e.ts'],
      'g.ts': ['a.ts'],
    });
    expect(importCycles(graph)).toEqual([
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
      ['e.ts', 'f.ts', 'e.ts'],
    ]);
  });

  it('finds none in a graph without cycles', () => {
    expect(importCycles(graphOf({ 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['c.ts'], 'c.ts': [] }))).toEqual([]);
  });
});

describe('the repository has no import cycles', () => {
  const root = join(__dirname, '..');
  const graph = importGraph(root);

  it('resolves the path aliases and type-only imports (the graph is real)', () => {
    // libs/signals/src/model.ts imports `type SignalConfig` from ./config and re-exports ./severity.
    expect(graph.get('libs/signals/src/model.ts')).toEqual(
      expect.arrayContaining(['libs/signals/src/config.ts', 'libs/signals/src/severity.ts']),
    );
    expect(graph.get('libs/signals/src/config.ts')).toEqual(expect.arrayContaining(['libs/ijw/src/index.ts']));
    expect(graph.size).toBeGreaterThan(200);
  });

  it('among the TypeScript files of apps/, libs/ and tools/', () => {
    const cycles = importCycles(graph).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });
});
