import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found from this file both as TypeScript source (tests) and compiled under dist/. */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'apps', 'monitor', 'web', 'index.html'))) return dir;
  }
  throw new Error('cannot find apps/monitor/web (the dashboard files) above ' + __dirname);
}

export const WEB_ROOT = join(repoRoot(), 'apps', 'monitor', 'web');
