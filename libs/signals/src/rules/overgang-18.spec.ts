/**
 * OVERGANG_18, table-driven: kind of care (the product table of @trajectwacht/trajectory) × age × recorded follow-up.
 * Born 2008-02-29: 16 on 2024-02-29, 17½ on 2025-09-01, 18 on 2026-03-01, 21 on 2029-03-01, 23 on 2031-03-01;
 * warnings six months ahead: 21 from 2028-09-01, 23 from 2030-09-01.
 */
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { VervolgRegistratie } from '../model';
import { child, ruleInput, trajectory } from '../test-builders';
import { resolvedSituations } from './index';
import { overgang18 as rule } from './overgang-18';

const GEB = '2008-02-29';
const K = 'OVERGANG_18|pseudo-kind-1|';

type Zorg =
  | 'pleegzorg'
  | 'gezinshuis'
  | 'begeleiding'
  | 'persoonlijkeVerzorging'
  | 'behandeling'
  | 'jeugdGgz'
  | 'behandelgroep'
  | 'gesloten'
  | 'jeugdreclassering'
  | 'jeugdbescherming'
  | 'preventiefJustitieel'
  | 'vervoer';
const PRODUCT: Record<Zorg, { code?: string; categorie?: string }> = {
  pleegzorg: { code: '44A01' },
  gezinshuis: { code: '44A03' },
  begeleiding: { code: '45A01' },
  persoonlijkeVerzorging: { categorie: '40' },
  behandeling: { code: '45A02' },
  jeugdGgz: { categorie: '54' },
  behandelgroep: { code: '43A02' },
  gesloten: { code: '43A04' },
  jeugdreclassering: { categorie: '47' },
  jeugdbescherming: { categorie: '48' },
  preventiefJustitieel: { categorie: '49' },
  vervoer: { categorie: '42' },
};

/** Care since 2023-06-01, started; `eind`: the toewijzing's einddatum (past 18 by default: it must not matter). */
function zorg(z: Zorg, extra: { nr?: string; eind?: string | null; ingang?: string; stop?: string } = {}): TrajectoryState {
  const ingang = extra.ingang ?? '2023-06-01';
  const eind = extra.eind === undefined ? '2027-01-01' : extra.eind;
  return trajectory({
    nr: extra.nr ?? '1',
    ingang,
    start: ingang,
    geboortedatum: GEB,
    ...PRODUCT[z],
    ...(eind ? { eind } : {}),
    ...(extra.stop ? { stop: extra.stop } : {}),
  });
}

type Vervolg = 'geen' | 'plan' | 'wmo' | 'zvw' | 'wlz' | 'verlengd' | 'verlengdTot23' | 'geenVervolgNodig' | 'wmoNa21Waarschuwing';
const VERVOLG: Record<Vervolg, VervolgRegistratie[]> = {
  geen: [],
  plan: [{ soort: 'plan', vastgelegdOp: '2024-03-01' }],
  wmo: [{ soort: 'wmo', vastgelegdOp: '2025-10-01', perDatum: '2026-03-01' }],
  zvw: [{ soort: 'zvw', vastgelegdOp: '2025-10-01', perDatum: '2026-03-01' }],
  wlz: [{ soort: 'wlz', vastgelegdOp: '2025-10-01', perDatum: '2026-03-01' }],
  verlengd: [{ soort: 'verlengde_jeugdhulp', vastgelegdOp: '2025-10-01', totDatum: '2027-02-28' }],
  verlengdTot23: [{ soort: 'verlengde_jeugdhulp', vastgelegdOp: '2025-10-01' }],
  geenVervolgNodig: [{ soort: 'geen_vervolg_nodig', vastgelegdOp: '2025-10-01' }],
  wmoNa21Waarschuwing: [{ soort: 'wmo', vastgelegdOp: '2028-10-01', perDatum: '2029-03-01' }],
};

function keys(now: string, trajectories: TrajectoryState[], vervolg: VervolgRegistratie[] = []): string[] {
  return rule.evaluate(ruleInput(child(trajectories, { vervolg }), now)).map((c) => `${c.dedupKey.slice(K.length)}:${c.severity}`);
}

// [kind of care, follow-up, now, expected milestone:severity]
const TABLE: [Zorg, Vervolg, string, string[]][] = [
  // pleegzorg and gezinshuis run to 21: a plan from 16 (verblijf), nothing at 17½ or 18, warnings before 21
  ['pleegzorg', 'geen', '2024-02-28', []],
  ['pleegzorg', 'geen', '2024-02-29', ['16:laag']],
  ['pleegzorg', 'plan', '2024-03-01', []],
  ['pleegzorg', 'geen', '2025-09-01', []],
  ['pleegzorg', 'geen', '2026-03-01', []],
  ['gezinshuis', 'geen', '2026-03-01', []],
  ['pleegzorg', 'geen', '2028-08-31', []],
  ['pleegzorg', 'geen', '2028-09-01', ['21:midden']],
  ['pleegzorg', 'geen', '2029-03-01', ['21:hoog']],
  ['gezinshuis', 'geen', '2029-03-01', ['21:hoog']],
  ['pleegzorg', 'wmo', '2028-09-01', ['21:midden']], // recorded at 17½ for another question: not the answer at 21
  ['pleegzorg', 'wmoNa21Waarschuwing', '2028-10-01', []],
  ['pleegzorg', 'verlengdTot23', '2029-03-01', []], // verlengde jeugdhulp decided to 23
  ['pleegzorg', 'geen', '2030-09-01', ['21:hoog', '23:midden']],
  // begeleiding cannot continue as jeugdhulp: signals at 17½ and 18 whatever its einddatum; only a hand-over answers
  ['begeleiding', 'geen', '2024-03-01', []], // no verblijf: no plan from 16
  ['begeleiding', 'geen', '2025-08-31', []],
  ['begeleiding', 'geen', '2025-09-01', ['17.5:midden']],
  ['begeleiding', 'geen', '2026-02-28', ['17.5:midden']],
  ['begeleiding', 'geen', '2026-03-01', ['18:hoog']],
  ['begeleiding', 'wmo', '2025-10-01', []],
  ['begeleiding', 'wmo', '2026-03-01', []],
  ['begeleiding', 'zvw', '2026-03-01', []],
  ['begeleiding', 'wlz', '2026-03-01', []],
  ['begeleiding', 'geenVervolgNodig', '2026-03-01', []],
  ['begeleiding', 'verlengd', '2025-10-01', ['17.5:midden']],
  ['begeleiding', 'verlengd', '2026-03-01', ['18:hoog']],
  ['begeleiding', 'plan', '2026-03-01', ['18:hoog']],
  ['persoonlijkeVerzorging', 'geen', '2026-03-01', ['18:hoog']],
  ['persoonlijkeVerzorging', 'zvw', '2026-03-01', []],
  // behandeling and jeugd-GGZ continue to 23 only with a recorded decision; a warning before its end
  ['behandeling', 'geen', '2025-09-01', ['17.5:midden']],
  ['behandeling', 'geen', '2026-03-01', ['18:hoog']],
  ['behandeling', 'verlengd', '2025-10-01', []],
  ['behandeling', 'verlengd', '2026-03-01', []],
  ['behandeling', 'verlengd', '2026-08-27', []],
  ['behandeling', 'verlengd', '2026-08-28', ['verlengd-2027-02-28:midden']],
  ['behandeling', 'verlengd', '2027-02-28', ['verlengd-2027-02-28:midden']],
  ['behandeling', 'verlengd', '2027-03-01', ['verlengd-2027-02-28:hoog']],
  ['behandeling', 'wmo', '2026-03-01', []],
  ['behandeling', 'geenVervolgNodig', '2026-03-01', []],
  ['jeugdGgz', 'geen', '2026-03-01', ['18:hoog']],
  ['jeugdGgz', 'zvw', '2026-03-01', []],
  ['jeugdGgz', 'verlengdTot23', '2026-03-01', []],
  ['jeugdGgz', 'verlengdTot23', '2030-08-31', []],
  ['jeugdGgz', 'verlengdTot23', '2030-09-01', ['23:midden']],
  ['jeugdGgz', 'verlengdTot23', '2031-03-01', ['23:hoog']],
  ['behandelgroep', 'geen', '2024-02-29', ['16:laag']],
  ['behandelgroep', 'geen', '2026-03-01', ['18:hoog']],
  ['behandelgroep', 'verlengd', '2026-03-01', []],
  // gesloten jeugdhulp: at most six months after 18 (art. 6.1.2 lid 4 d), whatever was decided
  ['gesloten', 'geen', '2026-03-01', ['18:hoog']],
  ['gesloten', 'verlengd', '2026-02-28', []],
  ['gesloten', 'verlengd', '2026-03-01', ['verlengd-2026-08-31:midden']],
  ['gesloten', 'verlengd', '2026-09-01', ['verlengd-2026-08-31:hoog']],
  // the justice frame: 47/49 are not bound to 18 (jeugdstrafrecht); 48 is a measure over a minderjarige
  ['jeugdreclassering', 'geen', '2025-09-01', []],
  ['jeugdreclassering', 'geen', '2026-03-01', []],
  ['jeugdreclassering', 'geen', '2031-03-01', []],
  ['preventiefJustitieel', 'geen', '2026-03-01', []],
  ['jeugdbescherming', 'geen', '2025-09-01', ['17.5:midden']],
  ['jeugdbescherming', 'geen', '2026-03-01', ['18:hoog']],
  ['jeugdbescherming', 'verlengd', '2026-03-01', []],
  ['jeugdbescherming', 'wmo', '2026-03-01', []],
  // vervoer has no age rule of its own
  ['vervoer', 'geen', '2026-03-01', []],
];

describe('OVERGANG_18: kind of care × age × follow-up', () => {
  it.each(TABLE)('%s, follow-up %s, on %s → %j', (z, v, now, expected) => {
    expect(keys(now, [zorg(z)], VERVOLG[v])).toEqual(expected);
  });

  it('a follow-up counts from the day it is recorded', () => {
    expect(keys('2025-09-30', [zorg('begeleiding')], VERVOLG.wmo)).toEqual(['17.5:midden']);
    expect(rule.nextCheck(ruleInput(child([zorg('begeleiding')], { vervolg: VERVOLG.wmo }), '2025-09-15'))).toBe('2025-10-01');
  });

  it('the recorded follow-up resolves the open 18 alert it answers', () => {
    const input = ruleInput(child([zorg('begeleiding')], { vervolg: VERVOLG.wmo }), '2026-03-02');
    expect(resolvedSituations(input, [`${K}18`])).toEqual([`${K}18`]);
    expect(resolvedSituations(ruleInput(child([zorg('begeleiding')]), '2026-03-02'), [`${K}18`])).toEqual([]);
  });

  it('mixed care: each product needs its own answer', () => {
    const both = [zorg('begeleiding', { nr: '1' }), zorg('behandeling', { nr: '2' })];
    const [alert] = rule.evaluate(ruleInput(child(both, { vervolg: VERVOLG.verlengd }), '2026-03-01'));
    expect(alert?.dedupKey).toBe(`${K}18`);
    expect(alert?.trajectoryIds).toEqual(['0034-1']);
    expect(alert?.facts.productSoorten).toBe('stoptOp18');
    expect(keys('2026-03-01', both, [...VERVOLG.verlengd, ...VERVOLG.wmo])).toEqual([]);
    // pleegzorg next to begeleiding: only the begeleiding is asked about at 18
    expect(
      rule.evaluate(ruleInput(child([zorg('pleegzorg', { nr: '1' }), zorg('begeleiding', { nr: '2' })]), '2026-03-01'))[0]?.trajectoryIds,
    ).toEqual(['0034-2']);
  });

  it('verlengde jeugdhulp through iJw: a toewijzing from the 18th birthday, or one decided from 17½ running past 18', () => {
    const oud = zorg('behandeling', { nr: '1', eind: '2026-02-28', stop: '2026-02-28' });
    const nieuw = zorg('behandeling', { nr: '2', ingang: '2026-03-01', eind: '2027-02-28' });
    expect(keys('2025-10-01', [oud, nieuw])).toEqual([]);
    expect(keys('2026-03-01', [oud, nieuw])).toEqual([]);
    expect(keys('2026-08-28', [oud, nieuw])).toEqual(['verlengd-2027-02-28:midden']);
    const besloten: TrajectoryState = { ...zorg('behandeling'), toewijzingsdatum: '2025-10-01' };
    expect(keys('2026-03-01', [besloten])).toEqual([]);
    const teVroeg: TrajectoryState = { ...zorg('behandeling'), toewijzingsdatum: '2025-08-31' };
    expect(keys('2026-03-01', [teVroeg])).toEqual(['18:hoog']);
  });

  it('a new toewijzing after 18: allowed when decided before 18, continuing, or resumed within half a year', () => {
    const gestopt = zorg('behandeling', { nr: '1', eind: null, stop: '2026-05-30' }); // half a year later: 2026-11-30
    const binnen = zorg('behandeling', { nr: '2', ingang: '2026-11-30', eind: '2027-11-30' });
    const buiten = zorg('behandeling', { nr: '2', ingang: '2026-12-01', eind: '2027-11-30' });
    expect(keys('2026-11-30', [gestopt, binnen])).toEqual([]);
    expect(keys('2026-11-30', [gestopt, buiten])).toEqual([]); // not yet begun
    expect(keys('2026-12-01', [gestopt, buiten])).toEqual(['na-18-0034-2:hoog']);
    const [c] = rule.evaluate(ruleInput(child([gestopt, buiten]), '2026-12-01'));
    expect(c?.facts).toMatchObject({ laatsteEinddatum: '2026-05-30', eerdereJeugdhulp: true });
    expect(rule.nextCheck(ruleInput(child([gestopt, buiten]), '2026-11-15'))).toBe('2026-12-01');
    // no earlier care known
    expect(keys('2026-12-01', [buiten])).toEqual(['na-18-0034-2:midden']);
    // decided before 18 (iJw 3.2 toewijzingsdatum)
    expect(keys('2026-12-01', [gestopt, { ...buiten, toewijzingsdatum: '2026-02-27' }])).toEqual([]);
    // pleegzorg resumed within half a year (jeugdige 3°)
    const pleegGestopt = zorg('pleegzorg', { nr: '1', eind: null, stop: '2026-06-30' });
    expect(keys('2026-12-15', [pleegGestopt, zorg('pleegzorg', { nr: '2', ingang: '2026-12-15', eind: null })])).toEqual([]);
    // chains: the allowed resumption is care begun for the youth, a further resumption within half a year is allowed too
    const hervat = zorg('behandeling', { nr: '2', ingang: '2026-11-30', eind: '2027-03-31', stop: '2027-03-31' });
    expect(keys('2027-09-30', [gestopt, hervat, zorg('behandeling', { nr: '3', ingang: '2027-09-30', eind: '2028-06-30' })])).toEqual([]);
    // the justice frame is no jeugdhulp for this rule
    expect(keys('2026-12-01', [zorg('jeugdreclassering', { nr: '2', ingang: '2026-12-01', eind: null })])).toEqual([]);
  });

  it('a region decides for its own codes through overrides.producten18', () => {
    const eigen = trajectory({ nr: '1', ingang: '2023-06-01', start: '2023-06-01', geboortedatum: GEB, code: '45B07', eind: '2027-01-01' });
    const overrides = {
      producten18: {
        version: 'flevo-1',
        source: 'regio',
        byProductcode: { '45B07': { omschrijving: 'begeleiding groep', soort: 'stoptOp18' as const } },
      },
    };
    expect(keys('2026-03-01', [eigen], VERVOLG.verlengd)).toEqual([]);
    expect(
      rule.evaluate(ruleInput(child([eigen], { vervolg: VERVOLG.verlengd }), '2026-03-01', { overrides })).map((c) => c.dedupKey),
    ).toEqual([`${K}18`]);
  });

  it('needs active care and has no timer without open care', () => {
    const stopped = zorg('behandelgroep', { eind: null, stop: '2024-01-31' });
    expect(keys('2024-03-01', [stopped])).toEqual([]);
    expect(rule.nextCheck(ruleInput(child([stopped]), '2024-03-01'))).toBeNull();
    expect(rule.nextCheck(ruleInput(child([zorg('behandelgroep')]), '2024-01-01'))).toBe('2024-02-29');
  });
});
