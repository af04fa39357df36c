/**
 * OVERGANG_18 (toestand, per child and milestone). What happens at 18 is data per product (DEFAULT_OVERGANG18_MAPPING
 * of @trajectwacht/trajectory, extended by the region in overrides.producten18): doorTot21, verlengbaarTot23,
 * stoptOp18, maatregelTot18, justitieelKader, ondersteunend (README "What happens at 18, per product").
 * "Care" = trajectories active on `now` (activeOn), excluding overgang18.uitgeslotenCategorieen (42) and the soorten
 * justitieelKader and ondersteunend (no age rule). Milestone dates use ageOn's rule (29 Feb → 1 March; 17½ = 17th
 * birthday + 6 months). Each milestone is its own situation (key `OVERGANG_18|<clientPseudonym>|<milestone>`):
 * - '16'   (laag):   16 ≤ age < 17½, care includes verblijf, and nothing is recorded (no registration of any soort,
 *                    no toewijzing for after 18) — Flevoland: "een plan vanaf 16 jaar in jeugdhulp met verblijf".
 * - '17.5' (midden): 17½ ≤ age < 18, care includes a product that must be answered at 18 (stoptOp18, maatregelTot18,
 *                    verlengbaarTot23) and is not answered (see below). doorTot21 alone: no signal.
 * - '18'   (hoog):   age ≥ 18, the same, for care running on/after the 18th birthday — WHATEVER its einddatum: a
 *                    toewijzing that happens to run past 18 is no decision.
 * - 'verlengd-<T>' (midden from T − waarschuwingMaanden, hoog after T): verlengbaarTot23 care covered by verlengde
 *                    jeugdhulp until T (the latest decision, capped by the product's maxMaandenNa18), T before the 23rd birthday.
 * - '21'   (midden from 21st birthday − waarschuwingMaanden, hoog from it): doorTot21 care, unless a hand-over or
 *                    "no follow-up needed" is recorded from that warning date on, or verlengde jeugdhulp is decided past 21.
 * - '23'   (midden from 23rd birthday − waarschuwingMaanden, hoog from it): any care, unless a hand-over or "no
 *                    follow-up needed" is recorded from that warning date on.
 * - 'na-18-<trajId>' (hoog; midden without earlier care): a toewijzing with ingangsdatum after 18 that the Jeugdwet does
 *                    not allow: not decided before 18 (toewijzingsdatum), no care begun before 18 running up to it, and
 *                    the last such care ended more than hervattingBinnenMaanden (6) before it (art. 1.1 jeugdige 3°, 4°).
 * Answered: stoptOp18 by a recorded hand-over (wmo/wlz/zvw) or geen_vervolg_nodig (verlengde jeugdhulp cannot
 * continue it); maatregelTot18 by any of these or verlengde jeugdhulp; verlengbaarTot23 by a hand-over or
 * geen_vervolg_nodig, or COVERED by a verlengde jeugdhulp decision: a registration (until totDatum, default the day
 * before the 23rd birthday) or, through iJw, a toewijzing whose ingangsdatum is on/after the 18th birthday or that was
 * decided (toewijzingsdatum) from 17½ on with an einddatum on/after the 18th birthday (until its einddatum).
 * Registrations count from their vastgelegdOp. A situation ends when its care ends, it is answered, or its age window
 * closes (16 → at 17½, 17.5 → at 18).
 * Inexact birth date (child.geboortedatumGebruik, COD170; geboortedatumBereik of @trajectwacht/trajectory):
 * - 1 (dag onbekend) / 2 (dag en maand onbekend): every milestone date is taken from the EARLIEST possible birth date
 *   (warn from the earliest day the milestone can be reached), and a toewijzing only counts as being for after 18
 *   when it is so for the LATEST possible birth date. The facts add geboortedatumGebruik, geboortedatumExact false and
 *   the earliest/latest possible birth date, the title ends in "(geboortedatum bij benadering)".
 * - 3 (onbekend): no milestone can be placed, the rule produces nothing (and needs no timer).
 */
import type { IsoDate } from '@trajectwacht/ijw';
import {
  DEFAULT_OVERGANG18_MAPPING,
  classifyOvergang18,
  geboortedatumBereik,
  mergeOvergang18Mappings,
  type Overgang18Mapping,
  type Overgang18Product,
  type Overgang18Soort,
  type RegionalOvergang18Mapping,
  type TrajectoryState,
} from '@trajectwacht/trajectory';
import { addDays, addMonthsRolledOver, birthday, halfBirthday, maxDate, minDate } from '@trajectwacht/dates';
import type { AlertCandidate, RuleInput, Severity, VervolgRegistratie, VervolgSoort } from '../model';
import {
  activeFrom,
  activeOn,
  activeUntil,
  activityChangeDates,
  candidate,
  cfgForChild,
  dedupKey,
  defineRule,
  hasOpenTrajectory,
  primaryTrajectory,
  verwijderingEpisode,
} from './common';

export const OVERGANG_18_ID = 'OVERGANG_18' as const;
export type Overgang18Milestone = '16' | '17.5' | '18' | '21' | '23' | `verlengd-${string}` | `na-18-${string}`;

export interface Overgang18Dates {
  zestien: IsoDate;
  zeventienEnHalf: IsoDate;
  achttien: IsoDate;
  waarschuwing21: IsoDate;
  eenentwintig: IsoDate;
  waarschuwing23: IsoDate;
  drieentwintig: IsoDate;
}

export function overgang18Dates(geboortedatum: IsoDate, waarschuwingMaanden: number): Overgang18Dates {
  const b21 = birthday(geboortedatum, 21);
  const b23 = birthday(geboortedatum, 23);
  return {
    zestien: birthday(geboortedatum, 16),
    zeventienEnHalf: halfBirthday(geboortedatum, 17),
    achttien: birthday(geboortedatum, 18),
    waarschuwing21: addMonthsRolledOver(b21, -waarschuwingMaanden),
    eenentwintig: b21,
    waarschuwing23: addMonthsRolledOver(b23, -waarschuwingMaanden),
    drieentwintig: b23,
  };
}

/**
 * Follow-ups that answer the question at 18 for a product of each soort (verlengde_jeugdhulp of verlengbaarTot23 covers until its end
 * instead).
 */
export const VERVOLG_ANTWOORDT: Readonly<Record<Overgang18Soort, readonly VervolgSoort[]>> = {
  stoptOp18: ['wmo', 'wlz', 'zvw', 'geen_vervolg_nodig'],
  maatregelTot18: ['verlengde_jeugdhulp', 'wmo', 'wlz', 'zvw', 'geen_vervolg_nodig'],
  verlengbaarTot23: ['wmo', 'wlz', 'zvw', 'geen_vervolg_nodig'],
  doorTot21: ['wmo', 'wlz', 'zvw', 'geen_vervolg_nodig'],
  justitieelKader: [],
  ondersteunend: [],
};
const OVERDRACHT: readonly VervolgSoort[] = ['wmo', 'wlz', 'zvw', 'geen_vervolg_nodig'];
const AT_18: readonly Overgang18Soort[] = ['stoptOp18', 'maatregelTot18', 'verlengbaarTot23'];
const NO_AGE_RULE: readonly Overgang18Soort[] = ['justitieelKader', 'ondersteunend'];

const merged = new WeakMap<RegionalOvergang18Mapping, Overgang18Mapping>();
/** The product table in force: the default, extended by overrides.producten18 (merged once per overrides object). */
export function overgang18Mapping(input: Pick<RuleInput, 'overrides'>): Overgang18Mapping {
  const regional = input.overrides?.producten18;
  if (!regional) return DEFAULT_OVERGANG18_MAPPING;
  let m = merged.get(regional);
  if (!m) merged.set(regional, (m = mergeOvergang18Mappings(DEFAULT_OVERGANG18_MAPPING, regional)));
  return m;
}

export function productOvergang18(mapping: Overgang18Mapping, t: TrajectoryState): Overgang18Product {
  return classifyOvergang18(mapping, t.gemeente, { categorie: t.productcategorie, code: t.productcode });
}

function activeCare(input: RuleInput, mapping: Overgang18Mapping): TrajectoryState[] {
  const anyActive = input.child.trajectories.filter((t) => activeOn(t, input.now));
  const cfg = cfgForChild(input, primaryTrajectory(anyActive));
  return anyActive.filter(
    (t) =>
      (t.productcategorie === null || !cfg.overgang18.uitgeslotenCategorieen.includes(t.productcategorie)) &&
      !NO_AGE_RULE.includes(productOvergang18(mapping, t).soort),
  );
}

/** A verlengde jeugdhulp decision: recorded, or read from a toewijzing (iJw). */
interface Besluit {
  tot: IsoDate;
  bron: 'registratie' | 'toewijzing';
}

/**
 * The new toewijzingen after 18 the Jeugdwet does not allow (art. 1.1 jeugdige 3° and 4°), with the end of the last
 * earlier care (null: none known). Chains count: a toewijzing allowed after 18 continues the care begun before 18.
 */
export function nieuwNa18ZonderGrondslag(
  trajectories: readonly TrajectoryState[],
  mapping: Overgang18Mapping,
  achttienVroegst: IsoDate,
  achttienLaatst: IsoDate,
  hervattingBinnenMaanden: number,
): { t: TrajectoryState; laatsteEinde: IsoDate | null }[] {
  const care = trajectories.filter(
    (t) => t.status !== 'ingetrokken' && activeFrom(t) !== null && !NO_AGE_RULE.includes(productOvergang18(mapping, t).soort),
  );
  const basis = care.filter(
    (t) => (activeFrom(t) as IsoDate) < achttienLaatst && !(t.ingangsdatum !== null && t.ingangsdatum >= achttienLaatst),
  );
  const later = care
    .filter((t) => !t.toewijzingOntbreekt && t.ingangsdatum !== null && t.ingangsdatum >= achttienLaatst)
    .sort((a, b) => (a.ingangsdatum! < b.ingangsdatum! ? -1 : a.ingangsdatum! > b.ingangsdatum! ? 1 : a.id < b.id ? -1 : 1));
  const allowed = [...basis];
  const out: { t: TrajectoryState; laatsteEinde: IsoDate | null }[] = [];
  for (const t of later) {
    const start = t.ingangsdatum!;
    const besloten = t.toewijzingsdatum !== undefined && t.toewijzingsdatum < achttienVroegst;
    const earlier = allowed.filter((u) => u !== t && (activeFrom(u) as IsoDate) < start);
    const einden = earlier.map((u) => activeUntil(u));
    const doorlopend = einden.some((e) => e === null || e >= addDays(start, -1));
    const laatsteEinde = maxDate(...einden.filter((e): e is IsoDate => e !== null));
    const hervat = laatsteEinde !== null && start <= addMonthsRolledOver(laatsteEinde, hervattingBinnenMaanden);
    if (besloten || doorlopend || hervat) allowed.push(t);
    else out.push({ t, laatsteEinde });
  }
  return out;
}

export const overgang18 = defineRule({
  id: OVERGANG_18_ID,
  kind: 'toestand',
  description:
    'Overgang 18-/18+: plan vanaf 16 (verblijf), 17½ en 18 zonder vervolg, het einde van verlengde ' +
    'jeugdhulp, de grenzen van 21 en 23 jaar, een nieuwe toewijzing na 18 zonder grondslag.',
  situations(input) {
    const mapping = overgang18Mapping(input);
    const care = activeCare(input, mapping);
    if (care.length === 0) return [];
    const primary = primaryTrajectory(care);
    if (primary === null) return [];
    const cfg = cfgForChild(input, primary);
    const { now } = input;
    const bereik = geboortedatumBereik(input.child.geboortedatum, input.child.geboortedatumGebruik);
    if (bereik === null) return []; // DatumGebruik 3: the age is unknown, no milestone can be placed
    const exact = input.child.geboortedatumGebruik === undefined;
    // milestones from the earliest possible birth date (warn early), "for after 18" only when it surely is (latest)
    const d = overgang18Dates(bereik.vroegst, cfg.overgang18.waarschuwingMaanden);
    const achttienLaatst = birthday(bereik.laatst, 18);
    const eindeVerlengd = addDays(d.drieentwintig, -1); // jeugdige 4°: "niet de leeftijd van drieëntwintig jaar heeft bereikt"
    const soort = (t: TrajectoryState) => productOvergang18(mapping, t);
    const vervolg: VervolgRegistratie[] = (input.child.vervolg ?? []).filter((v) => v.vastgelegdOp <= now);
    const besluiten: Besluit[] = [
      ...vervolg
        .filter((v) => v.soort === 'verlengde_jeugdhulp')
        .map((v): Besluit => ({ tot: minDate(v.totDatum ?? eindeVerlengd, eindeVerlengd)!, bron: 'registratie' })),
      ...input.child.trajectories
        .filter(
          (t) =>
            t.status !== 'ingetrokken' &&
            !t.toewijzingOntbreekt &&
            ((t.ingangsdatum !== null && t.ingangsdatum >= achttienLaatst) ||
              (t.toewijzingsdatum !== undefined &&
                t.toewijzingsdatum >= d.zeventienEnHalf &&
                t.einddatum !== null &&
                t.einddatum >= achttienLaatst)),
        )
        .map((t): Besluit => ({ tot: minDate(t.einddatum ?? eindeVerlengd, eindeVerlengd)!, bron: 'toewijzing' })),
    ];
    const besluitTot = maxDate(...besluiten.map((b) => b.tot));
    const beantwoord = (t: TrajectoryState): boolean =>
      vervolg.some((v) => VERVOLG_ANTWOORDT[soort(t).soort].includes(v.soort)) ||
      (soort(t).soort === 'maatregelTot18' && besluitTot !== null);
    /** The end of verlengbaarTot23 care covered by a decision (capped by maxMaandenNa18), or null when not covered. */
    const gedektTot = (t: TrajectoryState): IsoDate | null => {
      const p = soort(t);
      if (p.soort !== 'verlengbaarTot23' || besluitTot === null) return null;
      return p.maxMaandenNa18 === undefined
        ? besluitTot
        : minDate(besluitTot, addDays(addMonthsRolledOver(d.achttien, p.maxMaandenNa18), -1));
    };
    const open18 = care.filter((t) => AT_18.includes(soort(t).soort) && !beantwoord(t) && gedektTot(t) === null);

    const out: AlertCandidate[] = [];
    const push = (
      milestone: Overgang18Milestone,
      severity: Severity,
      milestoneDate: IsoDate,
      relevant: TrajectoryState[],
      title: string,
      extra: Record<string, string | number | boolean | null> = {},
    ): void => {
      const from = minDate(...relevant.map(activeFrom));
      out.push(
        candidate({
          ruleId: OVERGANG_18_ID,
          severity,
          gemeente: primaryTrajectory(relevant)?.gemeente ?? primary.gemeente,
          clientPseudonym: input.child.clientPseudonym,
          trajectoryIds: relevant.map((t) => t.id),
          dedupKey: dedupKey(OVERGANG_18_ID, input.child.clientPseudonym, milestone, ...verwijderingEpisode(relevant)),
          effectiveAt: maxDate(milestoneDate, from) ?? milestoneDate,
          facts: {
            mijlpaal: milestone,
            geboortedatum: input.child.geboortedatum,
            mijlpaalDatum: milestoneDate,
            achttienDatum: d.achttien,
            verblijf: relevant.some((t) => t.verblijf),
            vervolgVastgelegd: vervolg.some((v) => v.soort !== 'plan'),
            verlengdBesluitTot: besluitTot,
            aantalTrajecten: relevant.length,
            productSoorten: [...new Set(relevant.map((t) => soort(t).soort))].sort().join(','),
            ...extra,
            // only for an inexact birth date (facts of an exact one stay as they were)
            ...(exact
              ? {}
              : {
                  geboortedatumGebruik: input.child.geboortedatumGebruik ?? null,
                  geboortedatumExact: false,
                  vroegsteGeboortedatum: bereik.vroegst,
                  laatsteGeboortedatum: bereik.laatst,
                }),
          },
          recipients: ['toegang'],
          title: exact ? title : `${title} (geboortedatum bij benadering)`,
        }),
      );
    };

    if (now >= d.zestien && now < d.zeventienEnHalf && vervolg.length === 0 && besluiten.length === 0) {
      const verblijf = care.filter((t) => t.verblijf);
      if (verblijf.length) push('16', 'laag', d.zestien, verblijf, 'Jongere (16+) in verblijf: plan voor 18+ nodig');
    }
    if (now >= d.zeventienEnHalf && now < d.achttien && open18.length) {
      push('17.5', 'midden', d.zeventienEnHalf, open18, 'Jongere 17½ zonder vervolg na 18 geregeld');
    }
    if (now >= d.achttien && open18.length) {
      const stopt = open18.some((t) => soort(t).soort !== 'verlengbaarTot23');
      push(
        '18',
        'hoog',
        d.achttien,
        open18,
        stopt
          ? 'Jeugdhulp die op 18 stopt loopt door zonder vervolg (Wmo/Wlz/Zvw)'
          : 'Zorg loopt door na 18 zonder besluit verlengde jeugdhulp of vervolg',
      );
    }
    // the end of decided verlengde jeugdhulp, one situation per end date
    const perEinde = new Map<IsoDate, TrajectoryState[]>();
    for (const t of care) {
      const tot = gedektTot(t);
      if (tot === null || beantwoord(t) || tot >= eindeVerlengd) continue;
      if (now >= addMonthsRolledOver(tot, -cfg.overgang18.waarschuwingMaanden)) perEinde.set(tot, [...(perEinde.get(tot) ?? []), t]);
    }
    for (const [tot, relevant] of perEinde) {
      const na = now > tot;
      push(
        `verlengd-${tot}`,
        na ? 'hoog' : 'midden',
        addMonthsRolledOver(tot, -cfg.overgang18.waarschuwingMaanden),
        relevant,
        na ? `Zorg loopt door na het einde van verlengde jeugdhulp (${tot})` : `Verlengde jeugdhulp eindigt op ${tot}: vervolg regelen`,
        { verlengdTot: tot },
      );
    }
    const overdrachtVanaf = (date: IsoDate) => vervolg.some((v) => OVERDRACHT.includes(v.soort) && v.vastgelegdOp >= date);
    if (now >= d.waarschuwing21 && !overdrachtVanaf(d.waarschuwing21) && !(besluitTot !== null && besluitTot >= d.eenentwintig)) {
      const pleeg = care.filter((t) => soort(t).soort === 'doorTot21');
      if (pleeg.length)
        push(
          '21',
          now >= d.eenentwintig ? 'hoog' : 'midden',
          d.waarschuwing21,
          pleeg,
          now >= d.eenentwintig ? 'Pleegzorg/gezinshuis na 21 jaar' : 'Pleegzorg/gezinshuis nadert 21 jaar',
        );
    }
    if (now >= d.waarschuwing23 && !overdrachtVanaf(d.waarschuwing23)) {
      push(
        '23',
        now >= d.drieentwintig ? 'hoog' : 'midden',
        d.waarschuwing23,
        care,
        now >= d.drieentwintig ? 'Jeugdhulp na 23 jaar' : 'Verlengde jeugdhulp nadert 23 jaar',
      );
    }
    for (const { t, laatsteEinde } of nieuwNa18ZonderGrondslag(
      input.child.trajectories,
      mapping,
      d.achttien,
      achttienLaatst,
      cfg.overgang18.hervattingBinnenMaanden,
    )) {
      if (!care.includes(t) || t.ingangsdatum! > now) continue;
      push(
        `na-18-${t.id}`,
        laatsteEinde === null ? 'midden' : 'hoog',
        t.ingangsdatum!,
        [t],
        laatsteEinde === null
          ? 'Nieuwe toewijzing na 18 zonder eerdere jeugdhulp'
          : 'Nieuwe toewijzing na 18: jeugdhulp langer dan een half jaar geleden beëindigd',
        { laatsteEinddatum: laatsteEinde, eerdereJeugdhulp: laatsteEinde !== null },
      );
    }
    return out;
  },
  checkDates(input) {
    const changes = activityChangeDates(input.child.trajectories);
    const mapping = overgang18Mapping(input);
    if (!hasOpenTrajectory(input.child.trajectories) && activeCare(input, mapping).length === 0) return changes;
    const primary = primaryTrajectory(input.child.trajectories.filter((t) => activeOn(t, input.now)));
    const bereik = geboortedatumBereik(input.child.geboortedatum, input.child.geboortedatumGebruik);
    if (bereik === null) return [];
    const w = cfgForChild(input, primary).overgang18.waarschuwingMaanden;
    const d = overgang18Dates(bereik.vroegst, w);
    const eindeVerlengd = addDays(d.drieentwintig, -1);
    // ends of verlengde jeugdhulp (decided and capped): their warning date and the day after
    const ends = new Set<IsoDate>();
    for (const v of input.child.vervolg ?? [])
      if (v.soort === 'verlengde_jeugdhulp') ends.add(minDate(v.totDatum ?? eindeVerlengd, eindeVerlengd)!);
    for (const t of input.child.trajectories) {
      if (t.einddatum !== null) ends.add(t.einddatum);
      const max = productOvergang18(mapping, t).maxMaandenNa18;
      if (max !== undefined) ends.add(addDays(addMonthsRolledOver(d.achttien, max), -1));
    }
    return [
      ...Object.values(d),
      ...changes,
      ...[...ends].flatMap((e) => [addMonthsRolledOver(e, -w), addDays(e, 1)]),
      ...input.child.trajectories.map((t) => t.ingangsdatum),
      ...(input.child.vervolg ?? []).map((v) => v.vastgelegdOp),
    ];
  },
});
