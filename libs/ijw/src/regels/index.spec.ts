/**
 * checkBericht and checkHistorie together: the standard's own example berichten pass every rule of niveau 2 and 4,
 * and a toewijzing → start → stop → correction history is judged as the standard says.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readIjwXml } from '../schema';
import { toHeenbericht } from '../mapping';
import { bouwHistorie } from './historie';
import { BERICHT_REGELS, checkBericht, checkHistorie, REGELS_MET_HISTORIE } from './index';
import { CTX, GEMEENTE, eerder, historieBericht, jw301, jw305, jw307, pseudo } from './test-builders';
import type { BerichtBoom } from './types';

const STANDAARD = path.resolve(__dirname, '../../../..', '../shared/ijw-3.2');
const metStandaard = fs.existsSync(STANDAARD) ? describe : describe.skip;

metStandaard('checkBericht on the example berichten of ../shared/ijw-3.2/berichten', () => {
  it.each(['JW301', 'JW305', 'JW307'] as const)('%s.xml has no findings', (soort) => {
    const read = readIjwXml(fs.readFileSync(path.join(STANDAARD, 'berichten', `${soort}.xml`), 'utf8'));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const bericht = toHeenbericht(soort, read.json);
    expect(checkBericht(bericht, { today: bericht.header.dagtekening, boom: read.json as unknown as BerichtBoom })).toEqual([]);
  });

  it('the rules on the JW301 tree read the parsed bericht (a wrong postcode and naamgebruik are found)', () => {
    const xml = fs
      .readFileSync(path.join(STANDAARD, 'berichten', 'JW301.xml'), 'utf8')
      .replace(/9999XX/g, '0999XX')
      .replace('<ijw:NaamGebruik>1</ijw:NaamGebruik>', '<ijw:NaamGebruik>6</ijw:NaamGebruik>');
    const read = readIjwXml(xml);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const bericht = toHeenbericht('JW301', read.json);
    const found = checkBericht(bericht, { today: bericht.header.dagtekening, boom: read.json as unknown as BerichtBoom });
    expect([...new Set(found.map((b) => b.regel))].sort()).toEqual(['CS089', 'CS318']);
    expect(found.filter((b) => b.regel === 'CS089').map((b) => b.pad)).toContain('Client/Contactgegevens/Contact[1]/Adres/Postcode');
  });
});

describe('checkBericht', () => {
  it('runs only the rules of the bericht', () => {
    expect(BERICHT_REGELS.filter((r) => r.berichten.includes('JW305')).map((r) => r.code)).not.toContain('CD079');
    const found = checkBericht(jw305([{ statusAanlevering: '1', begindatum: '2026-07-25' }], { client: { bsn: '123456789' } }), CTX);
    expect(found.map((b) => b.regel).sort()).toEqual(['CS002', 'TR134']);
  });

  it('a generieke toewijzing (budget, no product) passes', () => {
    expect(checkBericht(jw301([{ product: undefined, omvang: undefined, budget: 1_500_000 }]), CTX)).toEqual([]);
  });
});

describe('checkHistorie', () => {
  const toewijzing = jw301();
  const start = jw305();

  it('lists the rules that need history', () => {
    expect(REGELS_MET_HISTORIE).toEqual([
      'TR056',
      'TR019',
      'TR332',
      'TR063',
      'TR071',
      'TR074',
      'TR326',
      'TR382',
      'TR413',
      'TR414',
      'TR415',
      'TR347',
      'TR374',
      'TR350',
      'TR351',
      'TR355',
      'TR359',
      'TR360',
      'TR365',
      'TR357',
      'TR361',
      'TR373',
      'TR375',
      'TR411',
      'TR412',
      'TR349',
    ]);
  });

  it.each([
    ['start op bekende toewijzing', jw305(), [toewijzing], []],
    ['start zonder toewijzing', jw305(), [], ['TR019']],
    ['stop op actuele start', jw307(), [toewijzing, start], []],
    ['stop zonder start', jw307(), [toewijzing], ['TR382']],
    [
      'start verwijderen en met andere begindatum opnieuw in één bericht (IV008)',
      jw305([{ statusAanlevering: '3' }, { begindatum: '2026-04-05' }]),
      [toewijzing, start],
      [],
    ],
    ['tweede start zonder stop', jw305([{ begindatum: '2026-05-01' }]), [toewijzing, start], ['TR326']],
    ['start verwijderen na stop', jw305([{ statusAanlevering: '3' }]), [toewijzing, start, jw307()], ['TR071']],
  ])('%s', (_naam, bericht, eerdere, regels) => {
    const found = checkHistorie(historieBericht(bericht), bouwHistorie(eerder(...eerdere)));
    expect(found.map((b) => b.regel)).toEqual(regels);
    found.forEach((b) => expect(b).toMatchObject({ niveau: 3, klasse: 'product' }));
  });

  it('takes the bericht as flat messages and the history as a lookup per toewijzing key', () => {
    const perSleutel = new Map([[`${GEMEENTE}|300201`, eerder(toewijzing, start)]]);
    const lookup = (key: string) => perSleutel.get(key) ?? [];
    expect(
      checkHistorie(
        jw307().regels.map((r) => pseudo(r)),
        lookup,
      ),
    ).toEqual([]);
    expect(
      checkHistorie(
        jw305([{ begindatum: '2026-05-01' }]).regels.map((r) => pseudo(r)),
        lookup,
      ).map((b) => b.regel),
    ).toEqual(['TR326']);
  });

  it('does not change the historie it is given', () => {
    const h = bouwHistorie(eerder(toewijzing, start));
    const kopie = JSON.stringify(h);
    checkHistorie(historieBericht(jw305([{ statusAanlevering: '3' }, { begindatum: '2026-04-05' }])), h);
    expect(JSON.stringify(h)).toBe(kopie);
  });
});
