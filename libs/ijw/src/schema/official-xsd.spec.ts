/**
 * validateWithOfficialXsd (xmllint-wasm against the XSDs in IJW_XSD_DIR), and the general content-model matcher
 * (nested sequences and choices: the iJw 3.2 berichten use flat sequences only, so it is tested on its own).
 * The XSDs come from ../shared/ijw-3.2/xsd; the XSD tests skip only when ../shared is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateWithOfficialXsd } from './index';
import { sanitizeXmllintMessage } from './official-xsd';
import { matchesModel, particleElements } from './structure';
import type { ElementDecl, GroupDecl } from './types';

const SHARED = path.resolve(__dirname, '../../../../../shared/ijw-3.2');
const XSD_DIR = path.join(SHARED, 'xsd');
const available = existsSync(path.join(XSD_DIR, 'basisschema.xsd'));
const describeShared = available ? describe : describe.skip;
if (!available) console.warn(`SKIPPED: the iJw 3.2 XSDs are not at ${XSD_DIR} (../shared is absent)`);

describe('validateWithOfficialXsd', () => {
  it('resolves null when no XSD directory is configured', async () => {
    expect(await validateWithOfficialXsd('<x/>', 'JW301', '')).toBeNull();
    expect(await validateWithOfficialXsd('<x/>', 'JW301', undefined)).toBeNull();
  });

  it('rejects when the directory has no XSDs (a configuration error)', async () => {
    await expect(validateWithOfficialXsd('<x/>', 'JW301', path.join(__dirname, 'no-such-dir'))).rejects.toThrow();
  });

  it('removes values from xmllint messages', () => {
    expect(
      sanitizeXmllintMessage("Element '{urn:x}Bsn': [facet 'pattern'] The value '12345678X' is not accepted by the pattern '[0-9]{9}'."),
    ).toBe("Element '{urn:x}Bsn': [facet 'pattern'] The value is not accepted by the pattern '[0-9]{9}'.");
    expect(sanitizeXmllintMessage("Element '{urn:x}Datum': '2026-02-30' is not a valid value of the atomic type '{urn:x}LDT_Datum'.")).toBe(
      "Element '{urn:x}Datum': the value is not a valid value of the atomic type '{urn:x}LDT_Datum'.",
    );
    expect(sanitizeXmllintMessage('x 999900006 y')).toBe('x ######### y');
  });
});

describeShared('validateWithOfficialXsd against ../shared/ijw-3.2/xsd', () => {
  const example = available ? readFileSync(path.join(SHARED, 'berichten', 'JW301.xml'), 'utf8') : '';

  it('gives [] for the valid example', async () => {
    expect(await validateWithOfficialXsd(example, 'JW301', XSD_DIR)).toEqual([]);
  });

  it('gives the problems for an invalid bericht, naming the element and never the BSN', async () => {
    const xml = example.replace('<jw301:Bsn>999900006</jw301:Bsn>', '<jw301:Bsn>99990000</jw301:Bsn>').replace('>436<', '>438<');
    const problems = (await validateWithOfficialXsd(xml, 'JW301', XSD_DIR))!;
    expect(problems.map((p) => p.pad)).toEqual(expect.arrayContaining(['Bsn', 'BerichtCode']));
    expect(JSON.stringify(problems)).not.toMatch(/99990000/);
    expect(problems.every((p) => p.message.startsWith('official XSD (xmllint): ') && p.toelichting.length > 0)).toBe(true);
  });
});

describe('general content models (sequence/choice, nested, repeated)', () => {
  const el = (name: string, minOccurs = 1, maxOccurs: number | 'unbounded' = 1): ElementDecl => ({
    kind: 'element',
    name,
    namespace: 'urn:t',
    minOccurs,
    maxOccurs,
    simpleType: 'LDT_Naam',
  });
  // (A, (B | C{1,2}){0,∞}, D?)
  const model: GroupDecl = {
    kind: 'sequence',
    minOccurs: 1,
    maxOccurs: 1,
    particles: [el('A'), { kind: 'choice', minOccurs: 0, maxOccurs: 'unbounded', particles: [el('B'), el('C', 1, 2)] }, el('D', 0)],
  };
  const elements = particleElements(model);
  const match = (names: string) =>
    matchesModel(
      model,
      [...names].map((n) => elements.findIndex((e) => e.name === n)),
      elements,
    );
  it.each([
    ['A', true],
    ['AD', true],
    ['ABCCBD', true],
    ['ACCC', true],
    ['', false],
    ['D', false],
    ['AA', false],
    ['ADB', false],
    ['ADD', false],
  ])('%j → %s', (names, ok) => expect(match(names)).toBe(ok));
});
