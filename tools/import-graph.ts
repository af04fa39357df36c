import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * The import graph of the repository's TypeScript files, built with the TypeScript compiler's own pre-processor and
 * module resolution (tsconfig.base.json's paths, so `@trajectwacht/x` resolves to libs/x/src/index.ts). Every import
 * counts: `import`, `import type`, `export … from`, `import()` and `require()`. Used by import-cycles.spec.ts.
 */
export type ImportGraph = Map<string, string[]>;

const SKIP = new Set(['node_modules', 'dist', 'coverage', '.nx', '.data', 'target']);

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tsFiles(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Files under `roots` (relative to `repoRoot`) → the files of the same set they import, as repository-relative paths. */
export function importGraph(repoRoot: string, roots: readonly string[] = ['apps', 'libs', 'tools']): ImportGraph {
  const configPath = join(repoRoot, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot, undefined, configPath);
  const files = roots.flatMap((r) => tsFiles(join(repoRoot, r)));
  const inSet = new Set(files);
  const host = ts.createCompilerHost(options);
  const cache = ts.createModuleResolutionCache(repoRoot, (f) => f, options);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, options, host, cache).resolvedModule?.resolvedFileName;
      if (resolved && inSet.has(resolved) && resolved !== file) targets.add(relative(repoRoot, resolved));
    }
    graph.set(relative(repoRoot, file), [...targets].sort());
  }
  return graph;
}

/**
 * Every cycle, one per strongly connected component of more than one file (Tarjan), each reported as one concrete
 * path through it that starts and ends at its smallest file: `a.ts → b.ts → a.ts`.
 */
export function importCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) connect(v);
  return components.map((component) => cyclePath(graph, new Set(component), component[0]!)).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A shortest path from start back to start within the component (breadth first). */
function cyclePath(graph: ImportGraph, component: Set<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const chain: string[] = [];
        for (let x: string | undefined = v; x !== undefined && x !== start; x = previous.get(x)) chain.unshift(x);
        return [start, ...chain, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component, start];
}
