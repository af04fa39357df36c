import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { array, decodeWith, integer, literal, nullable, object, optional, string, type Check } from '@trajectwacht/contracts';
import { HAVE_STANDARD, IJW_DIR, xsdValidate, type CorpusSoort as Soort } from './support/ijw-xml';

/**
 * The conformance corpus (test/conformance/jw301, jw305, jw307 and the request side jw315, jw317, jw319; written by
 * generate-corpus.js from the standard):
 * every manifest entry names an existing file and a source in the standard, every XML file is listed, and the
 * official XSDs (/work/shared/ijw-3.2/xsd, validated with the XSD validator package xmllint-wasm, libxml2) accept
 * every file outside xsd-invalid/ and refuse every file inside it. The XSD part is skipped ONLY when the standard
 * (/work/shared/ijw-3.2) is absent beside the checkout, and it says so; CI always has it.
 */

interface Case {
  file: string;
  soort: Soort;
  expected: 'accepted' | 'refused';
  retourcodes: string[];
  rule: string | null;
  niveau: number | null;
  klasse?: string;
  productIndex?: number;
  reason: string;
  source: string;
}
interface Sequence extends Omit<Case, 'file' | 'soort'> {
  name: string;
  steps: { file: string; soort: Soort }[];
}
interface Manifest {
  soort: Soort;
  cases: Case[];
  sequences: Sequence[];
}

const SOORT = literal('JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319');
const OUTCOME = {
  expected: literal('accepted', 'refused'),
  retourcodes: array(string),
  rule: nullable(string),
  niveau: nullable(integer),
  klasse: optional(string),
  productIndex: optional(integer),
  reason: string,
  source: string,
};
/** The manifest's structure, checked on reading (the tests below check what it says). */
const MANIFEST: Check<Manifest> = object({
  soort: SOORT,
  cases: array(object({ file: string, soort: SOORT, ...OUTCOME })),
  sequences: array(object({ name: string, steps: array(object({ file: string, soort: SOORT })), ...OUTCOME })),
});

const FOLDERS = ['jw301', 'jw305', 'jw307', 'jw315', 'jw317', 'jw319'] as const;
const manifests = FOLDERS.map((f) => ({
  folder: f,
  manifest: decodeWith(`${f}/manifest.json`, MANIFEST, JSON.parse(readFileSync(join(__dirname, f, 'manifest.json'), 'utf8'))),
}));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const soortOf = (xml: string): Soort | undefined =>
  /istandaarden\.nl\/ijw\/3_[0-9]\/(jw30[157]|jw31[579])\/schema/.exec(xml)?.[1]?.toUpperCase() as Soort | undefined;

describe('conformance corpus: manifests', () => {
  it.each(manifests)(
    '$folder: every entry names an existing file, a known outcome and a source; every XML file is listed',
    ({ folder, manifest }) => {
      const dir = join(__dirname, folder);
      const listed = new Set<string>();
      for (const c of manifest.cases) {
        expect(existsSync(join(dir, c.file))).toBe(true);
        expect(['accepted', 'refused']).toContain(c.expected);
        expect(c.reason.length).toBeGreaterThan(10);
        expect(c.source).toMatch(/\S/);
        if (c.expected === 'refused') expect(c.rule).toMatch(/^(XSD|[A-Z]{2}\d{3})$/);
        if (c.file.startsWith('xsd-invalid/')) expect([c.niveau, c.retourcodes]).toEqual([1, []]);
        if (c.file.startsWith('refused/')) {
          expect([c.niveau, c.retourcodes]).toEqual([2, ['0001']]);
          expect(c.file).toMatch(new RegExp(`^refused/${c.rule}-\\d+\\.xml$`));
        }
        if (c.file.startsWith('accepted/')) expect(c.expected).toBe('accepted');
        listed.add(c.file);
      }
      for (const s of manifest.sequences) {
        expect(s.steps.length).toBeGreaterThan(0);
        expect(s.niveau).toBe(3);
        if (s.expected === 'refused') expect(s.retourcodes.length).toBeGreaterThan(0);
        for (const step of s.steps) {
          expect(step.file.startsWith(`history/${s.name}/`)).toBe(true);
          listed.add(step.file);
        }
      }
      const files = walk(dir)
        .filter((p) => p.endsWith('.xml'))
        .map((p) => relative(dir, p));
      expect(files.sort()).toEqual([...listed].sort());
    },
  );

  it('covers the cases issue 13 names', () => {
    const all = manifests.flatMap(({ folder, manifest }) => [
      ...manifest.cases.map((c) => `${folder}/${c.file}`),
      ...manifest.sequences.map((s) => `${folder}/history/${s.name}`),
    ]);
    for (const name of [
      'jw301/accepted/generiek.xml',
      'jw301/accepted/aspecifiek-met-budget.xml',
      'jw301/accepted/twee-producten.xml',
      'jw301/accepted/nummer-voorloopnullen.xml',
      'jw301/accepted/productcode-lengtes.xml',
      'jw301/accepted/volume-0.xml',
      'jw301/accepted/datumgebruik-1.xml',
      'jw301/accepted/datumgebruik-2.xml',
      'jw301/accepted/datumgebruik-3.xml',
      'jw305/accepted/correctie-iv008.xml',
      'jw305/xsd-invalid/berichtcode-440.xml',
      'jw301/xsd-invalid/identificatie-13.xml',
      'jw301/xsd-invalid/volgorde.xml',
      'jw301/refused/CS002-1.xml',
      'jw301/refused/TR002-1.xml',
      'jw301/refused/TR101-2.xml',
      'jw307/refused/TR018-1.xml',
      'jw305/history/TR063-1',
      'jw305/history/TR326-1',
      'jw305/history/IV008-1',
      'jw307/history/TR382-1',
      'jw307/history/TR415-1',
      'jw301/history/TR332-1',
      'jw301/history/TR056-1',
      // issue 17: the request side
      'jw315/accepted/twee-producten.xml',
      'jw315/refused/TR383-1.xml',
      'jw315/refused/CD067-1.xml',
      'jw315/xsd-invalid/datum-ongeldig.xml',
      'jw315/history/VOT-1',
      'jw317/accepted/verlengen.xml',
      'jw317/refused/TR352-1.xml',
      'jw317/refused/TR353-1.xml',
      'jw319/accepted/woonplaatsbeginsel.xml',
      'jw319/accepted/in-onderzoek.xml',
      'jw319/refused/TR377-1.xml',
      'jw319/history/TR056-1',
    ])
      expect(all).toContain(name);
  });
});

const standard = HAVE_STANDARD ? describe : describe.skip;
if (!HAVE_STANDARD)
  console.warn(
    `corpus.spec: ${IJW_DIR} is absent: the check against the official XSDs is SKIPPED (it runs whenever ../shared/ijw-3.2 is ` +
      `beside the checkout, as in CI)`,
  );

standard('conformance corpus against the official iJw 3.2 XSDs (xmllint-wasm)', () => {
  jest.setTimeout(30_000); // six soorten through libxml2, beside other suites on two cores
  it('cites sources that exist in the standard', () => {
    for (const { manifest } of manifests)
      for (const entry of [...manifest.cases, ...manifest.sequences])
        for (const part of entry.source.split(';')) {
          const file = part.trim().split(' ')[0]!;
          if (file.includes('/') || file.endsWith('.md'))
            expect({ file, exists: existsSync(join(IJW_DIR, file)) }).toEqual({ file, exists: true });
        }
  });

  it('every file outside xsd-invalid/ is valid, every file inside it is refused, each against the XSD of its namespace', async () => {
    const items = manifests.flatMap(({ folder, manifest }) => {
      const files = [...manifest.cases.map((c) => ({ file: c.file, soort: c.soort })), ...manifest.sequences.flatMap((s) => s.steps)];
      return files.map(({ file, soort }) => {
        const xml = readFileSync(join(__dirname, folder, file), 'utf8');
        // the XSD of the declared soort; a file in another namespace (xsd-invalid/namespace-3_1) must fail it too
        expect(soortOf(xml) ?? soort).toBe(soort);
        return { name: `${folder}/${file}`, soort, xml };
      });
    });
    expect(items.length).toBeGreaterThan(100);
    const results = await xsdValidate(items);
    const wrong = items
      .map((i) => ({ name: i.name, mustBeValid: !i.name.includes('/xsd-invalid/'), result: results.get(i.name)! }))
      .filter((r) => r.result.valid !== r.mustBeValid)
      .map((r) => `${r.name}: ${r.mustBeValid ? `invalid: ${r.result.errors.join(' | ')}` : 'valid but must be refused'}`);
    expect(wrong).toEqual([]);
  });
});
