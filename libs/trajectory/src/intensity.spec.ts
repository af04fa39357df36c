import { CODELISTS } from '@trajectwacht/ijw';
import {
  classifyProduct,
  DEFAULT_INTENSITY_MAPPING,
  mergeMappings,
  UNKNOWN_PRODUCT,
  validateMapping,
  type IntensityMapping,
} from './intensity';
import mappingJson from './intensity-mapping.json';

const gezinshuis = {
  omschrijving: 'Regio: gezinshuis',
  intensiteit: 'pleegzorg_gezinshuis',
  verblijf: true,
  crisis: false,
  gedwongenKader: false,
} as const;
const gesloten = {
  omschrijving: 'Gemeente: gesloten',
  intensiteit: 'gesloten',
  verblijf: true,
  crisis: false,
  gedwongenKader: false,
} as const;

describe('DEFAULT_INTENSITY_MAPPING', () => {
  it('is valid and has a category default for every JZ020 code', () => {
    expect(validateMapping(DEFAULT_INTENSITY_MAPPING)).toEqual([]);
    for (const e of CODELISTS.productcategorie.entries) {
      expect(DEFAULT_INTENSITY_MAPPING.byCategorie[e.code]).toEqual({
        intensiteit: e.intensiteit,
        verblijf: e.verblijf,
        crisis: e.crisis,
        gedwongenKader: e.gedwongenKader,
      });
    }
  });

  it('says in its source and note that the product codes are examples', () => {
    expect(mappingJson.source).toMatch(/EXAMPLES/);
    expect(mappingJson.note).toMatch(/byGemeente/);
  });

  it('refines 43/44 into pleegzorg/gezinshuis, residentieel and gesloten', () => {
    const levels = (categorie: string) =>
      new Set(
        Object.entries(DEFAULT_INTENSITY_MAPPING.byProductcode)
          .filter(([code]) => code.startsWith(categorie))
          .map(([, c]) => c.intensiteit),
      );
    expect(levels('43')).toEqual(new Set(['pleegzorg_gezinshuis', 'residentieel', 'gesloten']));
    expect(levels('44')).toEqual(new Set(['pleegzorg_gezinshuis', 'residentieel']));
  });
});

describe('classifyProduct', () => {
  const mapping: IntensityMapping = mergeMappings(DEFAULT_INTENSITY_MAPPING, {
    version: 'test',
    source: 'test',
    byProductcode: { '43Z99': gezinshuis },
    byGemeente: { '0034': { '43Z99': gesloten } },
  });

  it('uses the category default without a code', () => {
    expect(classifyProduct(mapping, '0034', { categorie: '43' })).toEqual({
      intensiteit: 'residentieel',
      verblijf: true,
      crisis: false,
      gedwongenKader: false,
    });
  });
  it('uses the category default for an unmapped code', () => {
    expect(classifyProduct(mapping, '0034', { categorie: '45', code: '45Q77' }).intensiteit).toBe('licht_ambulant');
  });
  it('code beats categorie', () => {
    expect(classifyProduct(mapping, '0363', { categorie: '43', code: '43Z99' }).intensiteit).toBe('pleegzorg_gezinshuis');
  });
  it('gemeente-specific code beats code', () => {
    expect(classifyProduct(mapping, '0034', { categorie: '43', code: '43Z99' }).intensiteit).toBe('gesloten');
  });
  it('a null code is treated as no code', () => {
    expect(classifyProduct(mapping, '0034', { categorie: '44', code: null }).intensiteit).toBe('pleegzorg_gezinshuis');
  });
  it('flags: 47/48 gedwongen kader, 46 crisis', () => {
    expect(classifyProduct(mapping, '0034', { categorie: '48' })).toEqual({
      intensiteit: null,
      verblijf: false,
      crisis: false,
      gedwongenKader: true,
    });
    expect(classifyProduct(mapping, '0034', { categorie: '46' }).crisis).toBe(true);
    expect(classifyProduct(mapping, '0034', { categorie: '46', code: '46A02' })).toEqual({
      intensiteit: 'residentieel',
      verblijf: true,
      crisis: true,
      gedwongenKader: false,
    });
  });
  it('unknown category gives no level and no flags', () => {
    expect(classifyProduct(mapping, '0034', { categorie: '99' })).toEqual(UNKNOWN_PRODUCT);
  });
  it('returns only the four classification fields (no omschrijving)', () => {
    expect(Object.keys(classifyProduct(mapping, '0034', { categorie: '43', code: '43Z99' })).sort()).toEqual([
      'crisis',
      'gedwongenKader',
      'intensiteit',
      'verblijf',
    ]);
  });
  it('does not read inherited properties as codes', () => {
    expect(classifyProduct(mapping, '0034', { categorie: '45', code: 'toString' }).intensiteit).toBe('licht_ambulant');
  });
});

describe('mergeMappings', () => {
  it('replaces entries, merges byGemeente per gemeente and does not modify the inputs', () => {
    const base = mergeMappings(DEFAULT_INTENSITY_MAPPING, { version: 'a', source: 'A', byGemeente: { '0034': { '50A01': gezinshuis } } });
    const before = JSON.stringify(base);
    const merged = mergeMappings(base, {
      version: 'b',
      source: 'B',
      byCategorie: { '50': { intensiteit: 'dagbehandeling', verblijf: false, crisis: false, gedwongenKader: false } },
      byProductcode: { '44A01': gesloten },
      byGemeente: { '0034': { '50A02': gesloten }, '0363': { '50A01': gesloten } },
    });
    expect(JSON.stringify(base)).toBe(before);
    expect(merged.version).toBe(`${DEFAULT_INTENSITY_MAPPING.version}+a+b`);
    expect(merged.byCategorie['50'].intensiteit).toBe('dagbehandeling');
    expect(merged.byCategorie['45']).toEqual(DEFAULT_INTENSITY_MAPPING.byCategorie['45']);
    expect(merged.byProductcode['44A01'].intensiteit).toBe('gesloten');
    expect(Object.keys(merged.byGemeente?.['0034'] ?? {}).sort()).toEqual(['50A01', '50A02']);
    expect(classifyProduct(merged, '0363', { categorie: '50', code: '50A01' }).intensiteit).toBe('gesloten');
    expect(classifyProduct(merged, '0034', { categorie: '50', code: '50A01' }).intensiteit).toBe('pleegzorg_gezinshuis');
    expect(validateMapping(merged)).toEqual([]);
  });
});

describe('validateMapping', () => {
  it('rejects non-objects', () => {
    expect(validateMapping(null)).toHaveLength(1);
    expect(validateMapping([])).toHaveLength(1);
  });
  it('lists every problem with its path', () => {
    const problems = validateMapping({
      version: '',
      source: 'x',
      byCategorie: { '4': { intensiteit: 'zwaar', verblijf: 'ja', crisis: false, gedwongenKader: false } },
      byProductcode: { '43A0B1': { omschrijving: '', intensiteit: 'residentieel', verblijf: true, crisis: false, gedwongenKader: false } },
      byGemeente: {
        '34': { '43A01': { omschrijving: 'x', intensiteit: 'Residentieel', verblijf: true, crisis: false, gedwongenKader: false } },
      },
    });
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'version',
        'byCategorie.4',
        'byCategorie.4.intensiteit',
        'byCategorie.4.verblijf',
        'byProductcode.43A0B1',
        'byProductcode.43A0B1.omschrijving',
        'byGemeente.34',
        'byGemeente.34.43A01.intensiteit',
      ].sort(),
    );
    expect(problems.find((p) => p.path === 'byCategorie.4.intensiteit')?.message).toMatch(/unknown intensity level "zwaar"/);
  });
  it('requires byCategorie and byProductcode', () => {
    expect(validateMapping({ version: 'v', source: 's' }).map((p) => p.path)).toEqual(['byCategorie', 'byProductcode']);
  });
});
