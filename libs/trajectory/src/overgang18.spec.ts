import { CODELISTS } from '@trajectwacht/ijw';
import {
  DEFAULT_OVERGANG18_MAPPING as M,
  classifyOvergang18,
  mergeOvergang18Mappings,
  validateOvergang18Mapping,
  type Overgang18Soort,
} from './overgang18';

describe('what happens at 18, per product (data next to the intensity mapping)', () => {
  it.each<[string, string | null, string, Overgang18Soort, number | undefined]>([
    // categorie, code, gemeente, soort, maxMaandenNa18
    ['44', '44A01', '0034', 'doorTot21', undefined], // pleegzorg (Jeugdwet 1.1 jeugdige 3°)
    ['44', '44A03', '0034', 'doorTot21', undefined], // gezinshuis (domain brief)
    ['43', '43A01', '0034', 'doorTot21', undefined], // gezinshuis incl. behandeling
    ['44', '44A04', '0034', 'verlengbaarTot23', undefined], // leefgroep
    ['44', null, '0034', 'doorTot21', undefined], // category default (level pleegzorg_gezinshuis)
    ['45', '45A01', '0034', 'stoptOp18', undefined], // begeleiding (jeugdhulp 2°)
    ['45', '45A02', '0034', 'verlengbaarTot23', undefined], // behandeling (jeugdhulp 1°)
    ['45', null, '0034', 'verlengbaarTot23', undefined], // ambulant without a code: a decision is needed
    ['54', null, '0034', 'verlengbaarTot23', undefined], // jeugd-GGZ
    ['40', null, '0034', 'stoptOp18', undefined], // persoonlijke verzorging (jeugdhulp 3°)
    ['43', '43A04', '0034', 'verlengbaarTot23', 6], // gesloten: art. 6.1.2 lid 4 d
    ['47', null, '0034', 'justitieelKader', undefined],
    ['48', null, '0034', 'maatregelTot18', undefined],
    ['49', null, '0034', 'justitieelKader', undefined],
    ['42', null, '0034', 'ondersteunend', undefined],
    ['50', '50A01', '9999', 'doorTot21', undefined], // gemeente-specific code
    ['50', '50A01', '0034', 'verlengbaarTot23', undefined], // same code elsewhere: the category
    ['99', null, '0034', 'verlengbaarTot23', undefined], // unknown category
  ])('%s %s in %s → %s', (categorie, code, gemeente, soort, max) => {
    expect(classifyOvergang18(M, gemeente, { categorie, code })).toEqual(max === undefined ? { soort } : { soort, maxMaandenNa18: max });
  });

  it('a generieke toewijzing (no product) needs a decision', () => {
    expect(classifyOvergang18(M, '0034', null)).toEqual({ soort: 'verlengbaarTot23' });
    expect(classifyOvergang18(M, '0034', { categorie: null })).toEqual({ soort: 'verlengbaarTot23' });
  });

  it('has a soort for every JZ020 category', () => {
    for (const e of CODELISTS.productcategorie.entries) expect(M.byCategorie[e.code]).toBeDefined();
  });

  it('a region extends it: its entries replace the base', () => {
    const merged = mergeOvergang18Mappings(M, {
      version: 'flevo-1',
      source: 'regio',
      byProductcode: { '45B07': { omschrijving: 'begeleiding groep', soort: 'stoptOp18' } },
      byGemeente: { '0034': { '45A02': { omschrijving: 'x', soort: 'stoptOp18' } } },
    });
    expect(merged.version).toBe(`${M.version}+flevo-1`);
    expect(classifyOvergang18(merged, '0034', { categorie: '45', code: '45B07' }).soort).toBe('stoptOp18');
    expect(classifyOvergang18(merged, '0034', { categorie: '45', code: '45A02' }).soort).toBe('stoptOp18');
    expect(classifyOvergang18(merged, '0050', { categorie: '45', code: '45A02' }).soort).toBe('verlengbaarTot23');
    expect(classifyOvergang18(M, '0034', { categorie: '45', code: '45B07' }).soort).toBe('verlengbaarTot23');
  });

  it('validates a mapping with readable problems', () => {
    expect(validateOvergang18Mapping(M)).toEqual([]);
    expect(validateOvergang18Mapping({ version: 'r', source: 's' }, true)).toEqual([]);
    expect(
      validateOvergang18Mapping({
        version: '',
        source: 's',
        byCategorie: { '4': { soort: 'tot30' } },
        byProductcode: { 'TOO-LONG': { soort: 'stoptOp18' } },
        extra: 1,
      }),
    ).toEqual([
      'version: must be a non-empty string',
      'extra: unknown field',
      'byCategorie.4: productcategorie must be 2 digits',
      'byCategorie.4.soort: must be one of doorTot21, verlengbaarTot23, stoptOp18, maatregelTot18, justitieelKader, ondersteunend, got ' +
        '"tot30"',
      'byProductcode.TOO-LONG: product code must be 1–5 letters or digits',
      'byProductcode.TOO-LONG.omschrijving: must be a non-empty string',
    ]);
    expect(
      validateOvergang18Mapping({ version: 'r', source: 's', byCategorie: { '45': { soort: 'stoptOp18', maxMaandenNa18: -1 } } }, true),
    ).toEqual(['byCategorie.45.maxMaandenNa18: must be a whole number of months 0–60, got -1']);
  });
});
