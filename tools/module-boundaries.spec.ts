import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Nx module boundaries are enforced by `eslint` itself (eslint.config.mjs, @nx/enforce-module-boundaries), with
 * no Nx daemon and no project graph cached beforehand (a fresh CI checkout): deliberate violations, linted as text
 * under the path of a file in each project (nothing is written into the repository), must be refused.
 */
const root = join(__dirname, '..');

interface Probe {
  filePath: string;
  code: string;
}

const LINT = `
import { ESLint } from 'eslint';
const probes = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const p of probes) {
  const [result] = await eslint.lintText(p.code, { filePath: p.filePath });
  out.push(result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message));
}
process.stdout.write('\\n@@' + JSON.stringify(out));
`;

function boundaryErrors(probes: Probe[]): string[][] {
  const workspaceData = mkdtempSync(join(tmpdir(), 'nx-workspace-data-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NX_WORKSPACE_DATA_DIRECTORY: workspaceData };
    delete env.NX_DAEMON;
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', LINT, JSON.stringify(probes)], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const parsed: unknown = JSON.parse(stdout.slice(stdout.lastIndexOf('\n@@') + 3));
    if (!Array.isArray(parsed) || !parsed.every((m) => Array.isArray(m) && m.every((x) => typeof x === 'string')))
      throw new Error(`unexpected lint output: ${stdout}`);
    return parsed as string[][];
  } finally {
    rmSync(workspaceData, { recursive: true, force: true });
  }
}

const CASES: Array<[string, Probe, RegExp | null]> = [
  [
    'a domain lib importing the platform',
    {
      filePath: 'libs/signals/src/boundary-probe.ts',
      code: "import { TOPICS } from '@trajectwacht/platform';\nexport const t = TOPICS;\n",
    },
    /tagged with "scope:domain" can only depend on libs tagged with "scope:domain"/,
  ],
  [
    'a domain lib importing tooling',
    { filePath: 'libs/contracts/src/boundary-probe.ts', code: "import * as s from '@trajectwacht/simulator';\nexport const x = s;\n" },
    /tagged with "scope:domain" can only depend on libs tagged with "scope:domain"/,
  ],
  [
    'a domain lib importing another domain lib',
    { filePath: 'libs/signals/src/boundary-probe.ts', code: "import { addDays } from '@trajectwacht/ijw';\nexport const f = addDays;\n" },
    null,
  ],
  [
    'the platform importing a domain lib',
    { filePath: 'libs/platform/src/boundary-probe.ts', code: "import { addDays } from '@trajectwacht/ijw';\nexport const f = addDays;\n" },
    null,
  ],
  [
    'the platform importing tooling',
    { filePath: 'libs/platform/src/boundary-probe.ts', code: "import * as s from '@trajectwacht/simulator';\nexport const x = s;\n" },
    /tagged with "scope:platform" can only depend on libs tagged with "scope:platform", "scope:domain"/,
  ],
  [
    'tooling importing the platform',
    {
      filePath: 'apps/simulator/src/boundary-probe.ts',
      code: "import { TOPICS } from '@trajectwacht/platform';\nexport const t = TOPICS;\n",
    },
    null,
  ],
  [
    'a lib importing an app',
    {
      filePath: 'libs/platform/src/boundary-probe.ts',
      code: "import { SignalEngine } from '../../../apps/signals/src/signal.engine';\nexport const e = SignalEngine;\n",
    },
    /relative or absolute path/,
  ],
  [
    'an app importing another app',
    {
      filePath: 'apps/monitor/src/boundary-probe.ts',
      code: "import { SignalEngine } from '../../signals/src/signal.engine';\nexport const e = SignalEngine;\n",
    },
    /relative or absolute path/,
  ],
  [
    'a lib reaching into another by a relative path',
    {
      filePath: 'libs/signals/src/boundary-probe.ts',
      code: "import { isValidBsn } from '../../ijw/src/bsn';\nexport const f = isValidBsn;\n",
    },
    /relative or absolute path/,
  ],
];

describe('Nx module boundaries, enforced by eslint without the daemon or a cached project graph', () => {
  const results = boundaryErrors(CASES.map(([, probe]) => probe));

  it.each(CASES.map(([name, , expected], i) => ({ name, expected, i })))('$name', ({ expected, i }) => {
    const errors = results[i]!;
    if (expected === null) expect(errors).toEqual([]);
    else expect(errors).toEqual([expect.stringMatching(expected)]);
  });
});
