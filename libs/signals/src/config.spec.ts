import { DEFAULT_SIGNAL_CONFIG, resolveConfig, validateSignalConfig, validateSignalOverrides } from './config';

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('signal config', () => {
  it('is valid and documents the origin of every default', () => {
    expect(validateSignalConfig(DEFAULT_SIGNAL_CONFIG)).toEqual([]);
    const { sources, ...rest } = DEFAULT_SIGNAL_CONFIG;
    const documented = Object.keys(sources);
    for (const path of leafPaths(rest)) {
      expect(documented.some((d) => path === d || path.startsWith(`${d}.`))).toBe(true);
    }
  });

  it('reports clear problems', () => {
    const bad = JSON.parse(JSON.stringify(DEFAULT_SIGNAL_CONFIG));
    bad.wachttijd.normDagen = -1;
    bad.uitstroom.normMaanden.zwaar = 3;
    bad.stapeling.uitgeslotenCategorieen = ['4'];
    bad.werkdagen.bevrijdingsdag = 'soms';
    bad.onbekend = 1;
    delete bad.herinstroom.binnenMaanden;
    const errors = validateSignalConfig(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        'wachttijd.normDagen: must be a whole number ≥ 0, got -1',
        expect.stringContaining('uitstroom.normMaanden.zwaar: unknown intensity level "zwaar"'),
        'stapeling.uitgeslotenCategorieen[0]: productcategorie must be 2 digits, got "4"',
        expect.stringContaining('werkdagen.bevrijdingsdag: must be one of altijd, lustrum, nooit'),
        'onbekend: unknown setting',
        'herinstroom.binnenMaanden: missing',
      ]),
    );
    expect(validateSignalConfig('x')).toEqual(['config: must be an object']);
  });

  it('validates overrides', () => {
    expect(
      validateSignalOverrides({
        regio: { wachttijd: { normDagen: 21 } },
        gemeente: { '0034': { stapeling: { drempel: 4 } } },
        intensity: { gesloten: { uitstroom: { crisisNormDagen: 14 } } },
      }),
    ).toEqual([]);
    expect(validateSignalOverrides({ gemeente: { '34': {} }, intensity: { crisis: {} }, land: {} })).toEqual([
      'land: unknown override layer (use regio, gemeente, intensity or producten18)',
      'gemeente.34: gemeentecode must be 4 digits',
      expect.stringContaining('intensity.crisis: unknown intensity level "crisis"'),
    ]);
  });

  it("validates the region's product table for 18 (producten18) with the overrides", () => {
    expect(
      validateSignalOverrides({
        producten18: {
          version: 'flevo-1',
          source: 'regio',
          byProductcode: { '45B07': { omschrijving: 'begeleiding groep', soort: 'stoptOp18' } },
        },
      }),
    ).toEqual([]);
    expect(
      validateSignalOverrides({
        producten18: { version: 'flevo-1', source: 'regio', byProductcode: { '45B07': { omschrijving: 'x', soort: 'tot30' } } },
      }),
    ).toEqual([expect.stringContaining('producten18.byProductcode.45B07.soort: must be one of doorTot21')]);
    expect(validateSignalOverrides({ regio: { overgang18: { hervattingBinnenMaanden: 0 } } })).toEqual([
      'regio.overgang18.hervattingBinnenMaanden: must be a whole number ≥ 1, got 0',
    ]);
  });

  it('layers base → regio → gemeente → intensity without mutating inputs', () => {
    const overrides = {
      regio: { wachttijd: { normDagen: 21 }, stapeling: { drempel: 4 } },
      gemeente: { '0034': { wachttijd: { normDagen: 14 } } },
      intensity: { gesloten: { wachttijd: { normDagen: 7 } } },
    };
    expect(resolveConfig(DEFAULT_SIGNAL_CONFIG, overrides, '0363', null).wachttijd.normDagen).toBe(21);
    expect(resolveConfig(DEFAULT_SIGNAL_CONFIG, overrides, '0034', 'licht_ambulant').wachttijd.normDagen).toBe(14);
    const gesloten = resolveConfig(DEFAULT_SIGNAL_CONFIG, overrides, '0034', 'gesloten');
    expect(gesloten.wachttijd.normDagen).toBe(7);
    expect(gesloten.wachttijd.crisisNormDagen).toBe(2);
    expect(gesloten.stapeling.drempel).toBe(4);
    expect(DEFAULT_SIGNAL_CONFIG.wachttijd.normDagen).toBe(28);
    expect(resolveConfig(DEFAULT_SIGNAL_CONFIG, undefined, '0034', null)).toBe(DEFAULT_SIGNAL_CONFIG);
  });
});
