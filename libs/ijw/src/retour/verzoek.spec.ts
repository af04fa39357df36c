/**
 * The retours of the request side: JW316 (of a JW315 verzoek om toewijzing), JW318 (of a JW317 verzoek om wijziging)
 * and JW320 (of a JW319 antwoordbericht), built from the standard's examples (../shared/ijw-3.2/berichten/JW315.xml
 * with its invalid ToewijzingEinddatum 2027-06-31 corrected, JW317.xml, JW319.xml), for every case of IV028/IV032, with
 * the codes in the berichtklassen of JW316.xsd, JW318.xsd and JW320.xsd, and validated against those official XSDs
 * with xmllint-wasm (test/support/xsd-oracle.ts). Skips only when ../shared/ijw-3.2 is absent.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Bevinding } from '../model';
import { readIjwXml } from '../schema';
import { buildRetour, retourXml } from './index';
import type { IjwJson } from './types';
import { standardAvailable, validateManyAgainstStandard } from '../../../../test/support/xsd-oracle';

const STANDARD = path.resolve(__dirname, '../../../..', '../shared/ijw-3.2');
const haveStandard = fs.existsSync(STANDARD) && standardAvailable();
const describeStandard = haveStandard ? describe : describe.skip;
if (!haveStandard) console.warn(`SKIPPED: request-side retours: ${STANDARD} is absent`);

function example(soort: 'JW315' | 'JW317' | 'JW319'): IjwJson {
  const xml = fs.readFileSync(path.join(STANDARD, `berichten/${soort}.xml`), 'utf8').replace(/2027-06-31/g, '2027-06-30');
  const result = readIjwXml(xml);
  if (!result.ok || result.soort !== soort) throw new Error(`${soort}.xml not readable`);
  return result.json;
}

const meta = { identificatieRetour: 'R-2026-00002', dagtekeningRetour: '2026-04-02' };
const b = (over: Partial<Bevinding> & Pick<Bevinding, 'retourcode' | 'niveau' | 'klasse'>): Bevinding => ({
  regel: 'TR000',
  toelichting: 't',
  ...over,
});
const obj = (v: unknown): IjwJson => v as IjwJson;
const arr = (v: unknown): IjwJson[] => v as IjwJson[];
const codesOf = (klasse: unknown): unknown => obj(obj(klasse).retourCodes).retourCode;

type Case = [string, Bevinding[], (json: IjwJson) => void];
const COMMON: Case[] = [
  ['no findings: header only, no RetourCodes', [], (j) => expect(Object.keys(j)).toEqual(['header'])],
  [
    'controleniveau 2: header only with 0001',
    [b({ retourcode: '0001', niveau: 2, klasse: 'client', regel: 'CS002' })],
    (j) => expect([Object.keys(j), codesOf(j.header), obj(j.header).xsltVersie]).toEqual([['header'], ['0001'], '1.0.0']),
  ],
  [
    'header finding 8848',
    [b({ retourcode: '8848', niveau: 4, klasse: 'header', regel: 'TR135' })],
    (j) => expect([Object.keys(j), codesOf(j.header)]).toEqual([['header'], ['8848']]),
  ],
];
const CASES: Record<'JW315' | 'JW317' | 'JW319', { retour: 'JW316' | 'JW318' | 'JW320'; berichtCode: string; cases: Case[] }> = {
  JW315: {
    retour: 'JW316',
    berichtCode: '447',
    cases: [
      ...COMMON,
      [
        'finding on the second AangevraagdProduct: the Client copied, codes per class',
        [
          b({
            retourcode: 'S329',
            niveau: 4,
            klasse: 'product',
            productIndex: 1,
            pad: 'Client/AangevraagdeProducten/AangevraagdProduct[2]/Product',
          }),
        ],
        (j) => {
          const producten = arr(obj(obj(j.client).aangevraagdeProducten).aangevraagdProduct);
          expect([codesOf(j.header), codesOf(j.client), producten.map(codesOf)]).toEqual([['0200'], ['0200'], [['0200'], ['S329']]]);
        },
      ],
    ],
  },
  JW317: {
    retour: 'JW318',
    berichtCode: '487',
    cases: [
      ...COMMON,
      [
        'findings on the Verzoek and on its NieuwProduct: codes in the Verzoek classes',
        [
          b({ retourcode: '9349', niveau: 3, klasse: 'client', pad: 'Client/Verzoek' }),
          b({ retourcode: 'S329', niveau: 4, klasse: 'product', pad: 'Client/Verzoek/NieuweProducten/NieuwProduct[1]/Product' }),
        ],
        (j) => {
          const verzoek = obj(obj(j.client).verzoek);
          expect([
            codesOf(j.header),
            codesOf(j.client),
            codesOf(verzoek),
            arr(obj(verzoek.ongewijzigdeProducten).ongewijzigdProduct).map(codesOf),
            arr(obj(verzoek.nieuweProducten).nieuwProduct).map(codesOf),
          ]).toEqual([['0200'], ['0200'], ['9349'], [['0200']], [['S329']]]);
        },
      ],
      [
        'a client finding (Bsn)',
        [b({ retourcode: '9347', niveau: 3, klasse: 'client', pad: 'Client/Bsn' })],
        (j) => expect([codesOf(j.client), codesOf(obj(obj(j.client).verzoek))]).toEqual([['9347'], ['0200']]),
      ],
    ],
  },
  JW319: {
    retour: 'JW320',
    berichtCode: '489',
    cases: [
      ...COMMON,
      [
        'findings on the Antwoord and its Woonplaatsbeginsel: the Antwoord copied (a JW319 has no Client)',
        [
          b({ retourcode: '9359', niveau: 3, klasse: 'client', pad: 'Antwoord/ReferentieAanbieder' }),
          b({ retourcode: 'S300', niveau: 4, klasse: 'client', pad: 'Antwoord/Woonplaatsbeginsel/Gemeente' }),
        ],
        (j) => {
          expect(Object.keys(j)).toEqual(['header', 'antwoord']);
          const antwoord = obj(j.antwoord);
          expect([codesOf(j.header), codesOf(antwoord), codesOf(antwoord.woonplaatsbeginsel)]).toEqual([['0200'], ['9359'], ['S300']]);
        },
      ],
    ],
  },
};

describeStandard('request-side retours (JW316, JW318, JW320) against the official XSDs', () => {
  jest.setTimeout(30_000);

  describe.each(['JW315', 'JW317', 'JW319'] as const)('%s', (soort) => {
    const { retour: retourSoort, berichtCode, cases } = CASES[soort];
    const heen = haveStandard ? example(soort) : {};
    const retours = haveStandard ? cases.map(([, bevindingen]) => buildRetour({ soort, json: heen }, bevindingen, meta)) : [];
    let results: Awaited<ReturnType<typeof validateManyAgainstStandard>> = [];
    beforeAll(async () => {
      if (haveStandard) results = await validateManyAgainstStandard(retours.map(retourXml), retourSoort);
    });

    it.each(cases.map((c, i) => [c[0], i] as const))(
      '%s: valid against the XSD, codes where IV028 puts them, XML reads back',
      (_name, i) => {
        const retour = retours[i]!;
        expect(retour.soort).toBe(retourSoort);
        expect(obj(retour.json.header).berichtCode).toBe(berichtCode);
        expect(obj(retour.json.header).berichtIdentificatie).toEqual(obj(heen.header).berichtIdentificatie);
        cases[i]![2](retour.json);
        expect(results[i]).toEqual({ valid: true, errors: [] });
        const back = readIjwXml(retourXml(retour));
        expect(back.ok && back.soort === retourSoort && back.json).toEqual(retour.json);
      },
    );
  });
});
