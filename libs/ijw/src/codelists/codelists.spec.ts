import {
  CODELISTS,
  Codelist,
  CodelistEntry,
  INTENSITY_LADDER,
  findEenheid,
  findFrequentie,
  findProductcategorie,
  findRedenBeeindiging,
  findRedenWijziging,
  intensityRank,
  isIntensityLevel,
  isVolgensPlan,
} from './index';

const lists = Object.entries(CODELISTS) as [string, Codelist<CodelistEntry>][];

describe('iJw codelists', () => {
  describe.each(lists)('%s', (_name, list) => {
    it('loads with id, name, version and a cited source', () => {
      expect(list.id).toMatch(/\S/);
      expect(list.name).toMatch(/\S/);
      expect(list.version).toMatch(/iJw 3\.2/);
      expect(list.source.length).toBeGreaterThan(40);
      expect(list.source).toMatch(/iJw release 3\.2/);
      expect(list.entries.length).toBeGreaterThan(0);
    });

    it('has unique, non-empty codes with an omschrijving', () => {
      const codes = list.entries.map((e) => e.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const e of list.entries) {
        expect(e.code).toMatch(/^\S+$/);
        expect(e.omschrijving).toMatch(/\S/);
      }
    });
  });

  it('uses the standard list ids', () => {
    expect(CODELISTS.productcategorie.id).toBe('JZ020');
    expect(CODELISTS.redenBeeindiging.id).toBe('JZ588');
    expect(CODELISTS.redenWijziging.id).toBe('JZ002');
    expect(CODELISTS.eenheid.id).toBe('WJ756');
  });

  describe('productcategorie (JZ020)', () => {
    const current = ['40', '41', '42', '43', '44', '45', '46', '47', '48', '49', '50', '51', '52', '53', '54', '55'];

    it('holds every current category 40–55 and the 2015 categories 31–38', () => {
      for (const code of current) {
        expect(findProductcategorie(code)).toBeDefined();
        expect(findProductcategorie(code)?.legacy2015).toBe(false);
      }
      for (const code of ['31', '32', '33', '34', '35', '36', '37', '38']) {
        expect(findProductcategorie(code)?.legacy2015).toBe(true);
      }
      // No unconfirmed codes were invented (see the note in productcategorie.json).
      expect(CODELISTS.productcategorie.entries.filter((e) => !e.legacy2015)).toHaveLength(current.length);
      expect(findProductcategorie('39')).toBeUndefined();
      expect(findProductcategorie('56')).toBeUndefined();
    });

    it('has the standard descriptions', () => {
      expect(findProductcategorie('43')?.omschrijving).toBe('Jeugdhulp verblijf (incl. behandeling)');
      expect(findProductcategorie('45')?.omschrijving).toBe('Jeugdhulp ambulant');
      expect(findProductcategorie('54')?.omschrijving).toBe('Jeugd-ggz');
    });

    it('flags gedwongen kader for 47, 48, 49 only, crisis for 46 only', () => {
      const gedwongen = CODELISTS.productcategorie.entries.filter((e) => e.gedwongenKader).map((e) => e.code);
      expect(gedwongen).toEqual(['47', '48', '49']);
      const crisis = CODELISTS.productcategorie.entries.filter((e) => e.crisis).map((e) => e.code);
      expect(crisis).toEqual(['46']);
    });

    it('maps to valid intensity levels and marks verblijf', () => {
      for (const e of CODELISTS.productcategorie.entries) {
        expect(e.intensiteit === null || isIntensityLevel(e.intensiteit)).toBe(true);
      }
      expect(findProductcategorie('42')?.intensiteit).toBeNull();
      expect(findProductcategorie('43')).toMatchObject({ intensiteit: 'residentieel', verblijf: true });
      expect(findProductcategorie('44')).toMatchObject({ intensiteit: 'pleegzorg_gezinshuis', verblijf: true });
      expect(findProductcategorie('41')).toMatchObject({ intensiteit: 'dagbehandeling', verblijf: false });
      expect(findProductcategorie('37')).toMatchObject({ intensiteit: 'gesloten', verblijf: true });
    });
  });

  describe('reden beëindiging (JZ588)', () => {
    it('holds the iJw 3.2 codes', () => {
      expect(CODELISTS.redenBeeindiging.entries.map((e) => e.code)).toEqual([
        '02',
        '20',
        '31',
        '32',
        '33',
        '34',
        '35',
        '36',
        '37',
        '38',
        '39',
      ]);
      expect(findRedenBeeindiging('02')?.omschrijving).toBe('Overlijden');
      expect(findRedenBeeindiging('01')).toBeUndefined();
    });

    it('flags only 31 as volgens plan', () => {
      expect(isVolgensPlan('31')).toBe(true);
      for (const code of ['02', '20', '32', '33', '34', '35', '36', '37', '38', '39']) {
        expect(isVolgensPlan(code)).toBe(false);
      }
      expect(isVolgensPlan('99')).toBe(false);
      expect(CODELISTS.redenBeeindiging.entries.filter((e) => e.volgensPlan).map((e) => e.code)).toEqual(['31']);
    });

    it('marks 20 as temporary and 32–35 as voortijdig', () => {
      expect(findRedenBeeindiging('20')?.tijdelijk).toBe(true);
      expect(CODELISTS.redenBeeindiging.entries.filter((e) => e.voortijdig).map((e) => e.code)).toEqual(['32', '33', '34', '35']);
    });
  });

  describe('reden wijziging toewijzing (JZ002)', () => {
    it('holds codes 01–14 with an effect', () => {
      const codes = CODELISTS.redenWijziging.entries.map((e) => e.code);
      expect(codes).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14']);
      for (const e of CODELISTS.redenWijziging.entries) {
        expect(['correctie', 'wijziging', 'intrekking', 'beeindiging']).toContain(e.effect);
      }
    });

    it('reads 13 as intrekking, 14 as correctie, 02 as beëindiging, 01 as vervallen', () => {
      expect(findRedenWijziging('13')?.effect).toBe('intrekking');
      expect(findRedenWijziging('14')?.effect).toBe('correctie');
      expect(findRedenWijziging('02')?.effect).toBe('beeindiging');
      expect(findRedenWijziging('01')?.vervallen).toBe(true);
      expect(findRedenWijziging('15')).toBeUndefined();
    });
  });

  describe('eenheid and frequentie', () => {
    it('holds the WJ756 units', () => {
      expect(CODELISTS.eenheid.entries.map((e) => e.code)).toEqual(['01', '04', '14', '16', '82', '83', '84']);
      expect(findEenheid('04')?.omschrijving).toBe('Uur');
      expect(findEenheid('83')?.soort).toBe('budget');
      expect(findEenheid('4')).toBeUndefined();
    });

    it('holds the frequencies 1, 2, 4, 6', () => {
      expect(CODELISTS.frequentie.entries.map((e) => e.code)).toEqual(['1', '2', '4', '6']);
      expect(findFrequentie('2')?.periode).toBe('week');
      expect(findFrequentie('6')?.periode).toBeNull();
      expect(findFrequentie('3')).toBeUndefined();
    });
  });

  describe('intensity ladder', () => {
    it('is ordered lightest to heaviest', () => {
      expect(INTENSITY_LADDER).toEqual([
        'licht_ambulant',
        'specialistisch_ambulant',
        'dagbehandeling',
        'pleegzorg_gezinshuis',
        'residentieel',
        'gesloten',
      ]);
      expect(intensityRank('licht_ambulant')).toBeLessThan(intensityRank('residentieel'));
      expect(intensityRank('gesloten')).toBe(INTENSITY_LADDER.length - 1);
    });

    it('recognises only ladder values', () => {
      expect(isIntensityLevel('dagbehandeling')).toBe(true);
      expect(isIntensityLevel('crisis')).toBe(false);
      expect(isIntensityLevel(null)).toBe(false);
    });
  });
});
