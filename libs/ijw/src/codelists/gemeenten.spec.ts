import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GEMEENTELIJST, GEMEENTEN, HERINDELINGEN, gemeenteLabel, gemeenteNaam, gemeenteOp } from './gemeenten';
import cbs from '../regels/data/cbs-gemeenten.json';

describe('gemeentenamen (CBS gemeentelijke indeling, with the herindelingen)', () => {
  it('is the standard’s 2026 list: every code of the file, with its name, and the same codes as TR378 checks', () => {
    const md = readFileSync(
      join(__dirname, '..', '..', '..', '..', '..', 'shared', 'ijw-3.2', 'codelijsten', 'CBS_Gemeentecodes.md'),
      'utf8',
    );
    const rows = [...md.matchAll(/^\|\s*(\d{4})\s*\|\s*([^|]+?)\s*\|/gm)].map(([, code, naam]) => ({ code, naam }));
    expect(rows).toHaveLength(342);
    expect(GEMEENTEN.map((g) => ({ code: g.code, naam: g.naam }))).toEqual(expect.arrayContaining(rows));
    expect(GEMEENTEN).toHaveLength(342);
    expect(GEMEENTEN.map((g) => g.code).sort()).toEqual([...cbs.codes].sort());
    expect(GEMEENTELIJST.version).toBe('2026-01-01');
    expect(GEMEENTELIJST.source).toMatch(/CBS_Gemeentecodes\.md/);
    expect(GEMEENTELIJST.herindelingenSource).toMatch(/cbs\.nl/);
  });

  it('names a current code on any date', () => {
    expect(gemeenteNaam('0034', '2026-03-01')).toBe('Almere');
    expect(gemeenteNaam('0995', '2015-01-01')).toBe('Lelystad');
    expect(gemeenteOp('0363', '2020-01-01')).toEqual({ code: '0363', naam: 'Amsterdam' });
    expect(gemeenteLabel('0050', '2026-01-01')).toBe('Zeewolde');
  });

  it('an ended code keeps its own name before the herindeling and maps to its successor from its date on', () => {
    // Brielle, Hellevoetsluis and Westvoorne became Voorne aan Zee (1992) on 1 January 2023
    expect(gemeenteOp('0501', '2022-12-31')).toEqual({ code: '0501', naam: 'Brielle' });
    expect(gemeenteOp('0501', '2023-01-01')).toEqual({
      code: '0501',
      naam: 'Voorne aan Zee',
      opgeheven: { naam: 'Brielle', opgegaanIn: '1992', per: '2023-01-01' },
    });
    expect(gemeenteLabel('0530', '2024-06-01')).toBe('Voorne aan Zee (voorheen Hellevoetsluis)');
    expect(gemeenteLabel('0530', '2022-06-01')).toBe('Hellevoetsluis');
    // Weesp went into Amsterdam in the middle of a year (24 March 2022)
    expect(gemeenteNaam('0457', '2022-03-23')).toBe('Weesp');
    expect(gemeenteNaam('0457', '2022-03-24')).toBe('Amsterdam');
    // into an existing gemeente that keeps its code: Haren and Ten Boer into Groningen (2019)
    expect(gemeenteOp('0017', '2019-01-01')?.opgeheven).toEqual({ naam: 'Haren', opgegaanIn: '0014', per: '2019-01-01' });
    expect(gemeenteNaam('0017', '2018-12-31')).toBe('Haren');
  });

  it('the new code of a herindeling is named, also for the dates before it existed', () => {
    expect(gemeenteNaam('1992', '2023-01-01')).toBe('Voorne aan Zee');
    expect(gemeenteNaam('1982', '2022-01-01')).toBe('Land van Cuijk');
  });

  it('an unknown code has no name, and its label is the code itself', () => {
    expect(gemeenteOp('9999', '2026-01-01')).toBeUndefined();
    expect(gemeenteNaam('0000', '2026-01-01')).toBeUndefined();
    expect(gemeenteLabel('9999', '2026-01-01')).toBe('9999');
  });

  it('the herindelingen are consistent: ended codes are no current codes, every successor is in the list', () => {
    const current = new Set(GEMEENTEN.map((g) => g.code));
    const ended = HERINDELINGEN.flatMap((h) => h.opgeheven.map((o) => o.code));
    expect(new Set(ended).size).toBe(ended.length);
    for (const code of ended) expect(current.has(code)).toBe(false);
    for (const h of HERINDELINGEN) {
      expect(current.has(h.opgegaanIn)).toBe(true);
      expect(h.naamOpgegaanIn).toBe(GEMEENTEN.find((g) => g.code === h.opgegaanIn)!.naam);
      expect(h.ingangsdatum).toMatch(/^20[12][0-9]-[01][0-9]-[0-3][0-9]$/);
    }
  });
});
