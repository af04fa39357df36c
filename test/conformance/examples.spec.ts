import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toHeenbericht } from '../../libs/ijw/src/mapping';
import type { IjwJson } from '../../libs/ijw/src/schema/types';
import { HAVE_STANDARD, IJW_DIR, xmlToJson, xsdValidate, type Soort } from './support/ijw-xml';

/**
 * docs/examples: every XML bericht is valid against the official iJw 3.2 XSD of its namespace
 * (/work/shared/ijw-3.2/xsd, with the XSD validator package xmllint-wasm), and every <name>.json beside a
 * <name>.xml is exactly its JSON form (camelCase element names, repeated elements as arrays). The XSD check is
 * skipped ONLY when /work/shared/ijw-3.2 is absent beside the checkout, and says so.
 */
const EXAMPLES = join(__dirname, '..', '..', 'docs', 'examples');
const xmlFiles = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.xml'))
  .sort();
const soortOf = (xml: string): Soort => /istandaarden\.nl\/ijw\/3_2\/(jw30[157])\/schema/.exec(xml)![1]!.toUpperCase() as Soort;
const read = (f: string): string => readFileSync(join(EXAMPLES, f), 'utf8');

describe('docs/examples', () => {
  it('has a JW301, JW305 and JW307 example with its JSON form, and the demo sequence as XML berichten', () => {
    expect(xmlFiles).toEqual(
      expect.arrayContaining(['jw301.xml', 'jw305.xml', 'jw307.xml', 'demo-1-jw301.xml', 'demo-2-jw305.xml', 'demo-3-jw307.xml']),
    );
    for (const f of ['jw301.json', 'jw305.json', 'jw307.json']) expect(readdirSync(EXAMPLES)).toContain(f);
  });

  it.each(xmlFiles.filter((f) => readdirSync(EXAMPLES).includes(f.replace(/\.xml$/, '.json'))))(
    '%s: the .json beside it is exactly its JSON form',
    (f) => {
      const json = JSON.parse(read(f.replace(/\.xml$/, '.json'))) as unknown;
      expect(json).toEqual(xmlToJson(read(f)));
    },
  );

  it('the demo is one child: a toewijzing, its start and its stop, each mapping to one flat message', () => {
    const regels = ['demo-1-jw301.xml', 'demo-2-jw305.xml', 'demo-3-jw307.xml'].map((f) => {
      const xml = read(f);
      const h = toHeenbericht(soortOf(xml), xmlToJson(xml) as IjwJson);
      expect(h.regels).toHaveLength(1);
      return h.regels[0]!;
    });
    expect(regels.map((r) => r.berichtcode)).toEqual(['JW301', 'JW305', 'JW307']);
    expect(new Set(regels.map((r) => `${r.client.bsn}|${r.gemeente}|${r.aanbieder}|${r.toewijzingNummer}`)).size).toBe(1);
  });

  (HAVE_STANDARD ? it : it.skip)(
    'every XML example is valid against the official XSD (xmllint-wasm; skipped only without /work/shared)',
    async () => {
      const items = xmlFiles.map((f) => ({ name: f, soort: soortOf(read(f)), xml: read(f) }));
      const results = await xsdValidate(items);
      expect(items.map((i) => ({ name: i.name, ...results.get(i.name) }))).toEqual(
        items.map((i) => ({ name: i.name, valid: true, errors: [] })),
      );
    },
  );
});
if (!HAVE_STANDARD) console.warn(`examples.spec: ${IJW_DIR} is absent: the XSD check of docs/examples is SKIPPED`);
