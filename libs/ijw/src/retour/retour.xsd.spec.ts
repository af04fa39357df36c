/**
 * The retour berichten as XML, against the official retour XSDs: for every case of IV028/IV032 a retour is built from
 * the standard's example berichten (../shared/ijw-3.2/berichten/JW301.xml, JW305.xml, JW307.xml, read with the schema
 * module's readIjwXml), written with retourXml and validated with the XSD validator package xmllint-wasm (libxml2
 * compiled to WebAssembly, through the oracle test/support/xsd-oracle.ts) against ../shared/ijw-3.2/xsd/JW302.xsd,
 * JW306.xsd or JW308.xsd with basisschema.xsd.
 * The standard's own retour examples (JW302.xml, JW306.xml, JW308.xml) are compared with ours structurally.
 * Skips only when ../shared/ijw-3.2 is absent (CI always has it).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Bevinding } from '../model';
import { readIjwXml } from '../schema';
import { beantwoord, buildRetour, retourXml } from './index';
import { jw301, jw305, jw307 } from './fixtures';
import type { Heensoort, IjwJson, Retoursoort } from './types';

import { standardAvailable, validateAgainstStandard, validateManyAgainstStandard } from '../../../../test/support/xsd-oracle';

const STANDARD = path.resolve(__dirname, '../../../..', '../shared/ijw-3.2');
const haveStandard = fs.existsSync(STANDARD) && standardAvailable();
if (!haveStandard) {
  console.warn(`SKIPPED: retour XSD validation: ${STANDARD} is absent`);
}
const describeStandard = haveStandard ? describe : describe.skip;

const read = (file: string): string => fs.readFileSync(path.join(STANDARD, file), 'utf8');

/** Errors of the oracle (test/support/xsd-oracle.ts) for `xml` against the official XSD of `soort` ([] = valid). */
async function xsdErrors(xml: string, soort: Retoursoort | Heensoort): Promise<string[]> {
  return (await validateAgainstStandard(xml, soort)).errors;
}

function example(soort: string): IjwJson {
  const result = readIjwXml(read(`berichten/${soort}.xml`));
  if (!result.ok) throw new Error(`${soort}.xml not readable: ${JSON.stringify(result.problems)}`);
  if (result.soort !== soort) throw new Error(`${soort}.xml reads as ${result.soort}`);
  return result.json;
}

const meta = { identificatieRetour: 'R-2026-00001', dagtekeningRetour: '2026-04-02' };
const b = (over: Partial<Bevinding> & Pick<Bevinding, 'retourcode' | 'niveau' | 'klasse'>): Bevinding => ({
  regel: 'TR000',
  toelichting: 't',
  ...over,
});
const obj = (v: unknown): IjwJson => v as IjwJson;
const codesOf = (klasse: unknown): unknown => obj(obj(klasse).retourCodes).retourCode;

const CASES: Array<[string, Bevinding[]]> = [
  ['no findings', []],
  ['controleniveau 2 (0001)', [b({ retourcode: '0001', niveau: 2, klasse: 'product', productIndex: 0, regel: 'CS338' })]],
  ['controleniveau 1 with a usable header (0001)', [b({ retourcode: '0001', niveau: 1, klasse: 'product', regel: 'XSD' })]],
  ['header finding 8848 (TR135)', [b({ retourcode: '8848', niveau: 4, klasse: 'header', regel: 'TR135' })]],
  [
    'header findings 9056 + 8848',
    [b({ retourcode: '9056', niveau: 3, klasse: 'header' }), b({ retourcode: '8848', niveau: 4, klasse: 'header' })],
  ],
  ['client finding S300', [b({ retourcode: 'S300', niveau: 4, klasse: 'client', pad: 'Client' })]],
  [
    'product findings on the second product',
    [
      b({ retourcode: 'S329', niveau: 4, klasse: 'product', productIndex: 1 }),
      b({ retourcode: '9019', niveau: 3, klasse: 'product', productIndex: 1 }),
    ],
  ],
];

describeStandard('retour berichten against the official retour XSDs (xmllint-wasm)', () => {
  jest.setTimeout(30_000);

  it("the oracle accepts the standard's own retour examples and refuses a broken one", async () => {
    for (const soort of ['JW302', 'JW306', 'JW308'] as const) expect(await xsdErrors(read(`berichten/${soort}.xml`), soort)).toEqual([]);
    const broken = read('berichten/JW302.xml').replace('<jw302:BerichtCode>437', '<jw302:BerichtCode>436');
    expect((await xsdErrors(broken, 'JW302')).length).toBeGreaterThan(0);
  });

  it("the hand-written fixtures equal the standard's examples as readIjwXml reads them", () => {
    expect(example('JW301')).toEqual(jw301());
    expect(example('JW305')).toEqual(jw305());
    expect(example('JW307')).toEqual(jw307());
  });

  describe.each(['JW301', 'JW305', 'JW307'] as const)('%s', (soort) => {
    // All cases of this soort validated in one oracle run (one libxml2 instance).
    let results: Awaited<ReturnType<typeof validateManyAgainstStandard>> = [];
    const retours = haveStandard ? CASES.map(([, bevindingen]) => buildRetour({ soort, json: example(soort) }, bevindingen, meta)) : [];
    beforeAll(async () => {
      if (haveStandard) results = await validateManyAgainstStandard(retours.map(retourXml), retours[0].soort);
    });

    it.each(CASES.map((c, i) => [...c, i] as const))(
      '%s: valid against the retour XSD, codes where IV028 puts them, XML reads back to the same tree',
      (_name, bevindingen, i) => {
        const retour = retours[i];
        expect(results[i].errors).toEqual([]);
        expect(results[i].valid).toBe(true);
        const xml = retourXml(retour);
        const back = readIjwXml(xml);
        expect(back.ok && back.soort).toBe(retour.soort);
        expect(back.ok && back.json).toEqual(retour.json);
        // Codes at the right places.
        const header = obj(retour.json.header);
        const klassen = bevindingen.filter((x) => x.niveau >= 3);
        if (bevindingen.length === 0) expect(header.retourCodes).toBeUndefined();
        else if (bevindingen.some((x) => x.niveau <= 2)) expect(codesOf(header)).toEqual(['0001']);
        else if (klassen.some((x) => x.klasse === 'header'))
          expect(codesOf(header)).toEqual([...new Set(klassen.map((x) => x.retourcode))]);
        else expect(codesOf(header)).toEqual(['0200']);
        expect(retour.json.client === undefined).toBe(
          bevindingen.length === 0 || bevindingen.some((x) => x.niveau <= 2 || x.klasse === 'header'),
        );
      },
    );

    it('0233 for products not assessed is valid as well', async () => {
      const retour = buildRetour(
        { soort, json: example(soort) },
        [b({ retourcode: '9063', niveau: 3, klasse: 'product', productIndex: 0 })],
        { ...meta, nietBeoordeeld: [1] },
      );
      expect(await xsdErrors(retourXml(retour), retour.soort)).toEqual([]);
      expect(retourXml(retour)).toContain('0233');
    });
  });

  it('JW301: findings in a Relatie and a Contact give a valid JW302 with the codes in those classes', async () => {
    const retour = buildRetour(
      { soort: 'JW301', json: example('JW301') },
      [
        b({ retourcode: '9332', niveau: 3, klasse: 'client', pad: 'Client/Relaties/Relatie[2]' }),
        b({ retourcode: 'S300', niveau: 4, klasse: 'client', pad: 'Client/Contactgegevens/Contact[1]/Adres' }),
      ],
      meta,
    );
    const xml = retourXml(retour);
    expect(await xsdErrors(xml, 'JW302')).toEqual([]);
    const client = obj(retour.json.client);
    expect((obj(client.relaties).relatie as IjwJson[]).map(codesOf)).toEqual([['0200'], ['9332']]);
    expect((obj(client.contactgegevens).contact as IjwJson[]).map(codesOf)).toEqual([['S300'], ['0200']]);
  });

  it(
    'IV028 example (TR063 on a StartProduct with StatusAanlevering 3): ' + 'valid JW306 with Header 0200, Cliënt 0200, StartProduct 9063',
    async () => {
      const json = example('JW305');
      (obj(obj(json.client).startProducten).startProduct as IjwJson[])[0].statusAanlevering = '3';
      const retour = buildRetour(
        { soort: 'JW305', json },
        [b({ retourcode: '9063', niveau: 3, klasse: 'product', productIndex: 0, regel: 'TR063' })],
        meta,
      );
      const xml = retourXml(retour);
      expect(await xsdErrors(xml, 'JW306')).toEqual([]);
      expect(xml).toMatch(
        /<jw306:StatusAanlevering>3<\/jw306:StatusAanlevering>\s*<jw306:RetourCodes>\s*<jw306:RetourCode>9063<\/jw306:RetourCode>/,
      );
    },
  );

  describe.each([
    ['JW301', 'JW302', [b({ retourcode: '8848', niveau: 4, klasse: 'header', regel: 'TR135' })]],
    ['JW305', 'JW306', [b({ retourcode: '8848', niveau: 4, klasse: 'header', regel: 'TR135' })]],
    ['JW307', 'JW308', []],
  ] as const)("%s → the standard's %s example", (heenSoort, retourSoort, bevindingen) => {
    it('our retour of the same heen header equals the example, except XsdVersieRetour (we write the XSD appinfo version)', () => {
      const voorbeeld = example(retourSoort);
      const vh = obj(voorbeeld.header);
      const heenJson = example(heenSoort);
      // The heenbericht the example answers: the example's copied header elements, with the heen BerichtCode.
      heenJson.header = {
        ...obj(heenJson.header),
        afzender: vh.afzender,
        ontvanger: vh.ontvanger,
        berichtIdentificatie: vh.berichtIdentificatie,
        xsdVersie: vh.xsdVersie,
      };
      const retour = buildRetour({ soort: heenSoort, json: heenJson }, bevindingen, {
        identificatieRetour: vh.identificatieRetour as string,
        dagtekeningRetour: vh.dagtekeningRetour as string,
      });
      expect(retour.soort).toBe(retourSoort);
      expect(obj(retour.json.header).xsdVersieRetour).toEqual({ basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' });
      expect(vh.xsdVersieRetour).toEqual({ basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' });
      expect({ ...retour.json, header: { ...obj(retour.json.header), xsdVersieRetour: vh.xsdVersieRetour } }).toEqual(voorbeeld);
      // Same element order as the example, too.
      expect(Object.keys(obj(retour.json.header))).toEqual(Object.keys(vh));
    });
  });

  it('beantwoord: level-1 problems with a usable header → foutmelding plus a valid header-only JW306 with 0001', async () => {
    const antwoord = beantwoord({ soort: 'JW305', json: example('JW305') }, [], meta, [
      { pad: 'Client/StartProducten/StartProduct[1]/Begindatum', toelichting: 'geen geldige datum', message: 'not a valid date' },
    ]);
    expect(antwoord.foutmelding?.retour).toBe(true);
    expect(antwoord.retour?.soort).toBe('JW306');
    expect(await xsdErrors(retourXml(antwoord.retour!), 'JW306')).toEqual([]);
    expect(codesOf(antwoord.retour!.json.header)).toEqual(['0001']);
  });
});
