/**
 * Derives the state of one trajectory (one toewijzing: gemeente + toewijzingNummer) from ALL its accepted messages.
 *
 * The result depends only on the SET of messages, never on their arrival order: the messages are deduplicated and
 * sorted by a total, deterministic order, then folded. Replaying the log therefore rebuilds exactly the same state.
 *
 * Decisions (part of the contract):
 * - Duplicates: messages with the same berichtcode + ontvangst.afzender + berichtId count once (the one that sorts
 *   first, i.e. the earliest ontvangenOp, is kept).
 * - JW301 order (which toewijzing version is current, IV013 / OP033x1 in
 *   ../shared/ijw-3.2/regels/invulinstructies/invulinstructie_IV013.md and regels/bedrijfsregels/OP033x1.md: the
 *   version with the latest Toewijzingsdatum + Toewijzingstijd is the current one, the moment the gemeente decided it,
 *   not the moment it was sent or received). The exact fold order is:
 *     1. JW301s WITHOUT toewijzingsdatum (recorded before iJw 3.2) first, in the order of before: originals (no
 *        redenWijziging) before changes, then dagtekening (missing sorts first), ingangsdatum, ontvangenOp, berichtId,
 *        canonical JSON;
 *     2. then the JW301s WITH a toewijzingsdatum, by toewijzingsdatum, then toewijzingstijd (HH:MM:SS[.mmm] compares
 *        as text; a missing tijd sorts first on its day), then the same keys as in 1 as tie-breakers.
 *   So a message set without any toewijzingsdatum folds exactly as before, and an iJw 3.2 version always follows the
 *   history recorded before it. Every JW301 is a complete new version of the toewijzing: its product, dates,
 *   aanbieder and client data replace the earlier values (the last in fold order is current).
 * - Repeated versions: a JW301 with the same toewijzingsdatum + toewijzingstijd as the one before it in fold order is
 *   the same version sent again (IV013: "blijft de inhoud van Toewijzingsdatum en Toewijzingstijd onveranderd"; OP087:
 *   every JW301 repeats all current toewijzingen of the client). It replaces the fields like any version (identical
 *   content in a correct stream) but counts for neither aantalWijzigingen nor aantalVerlengingen, and its timeline
 *   entry has `herhaling: true`. Without toewijzingsdatum every JW301 is its own version (as before).
 * - redenWijziging effect (codelist JZ002): 'correctie' and 'wijziging' only change fields; an unknown code is read
 *   as 'wijziging'. 'intrekking' (13 Verwijderd) withdraws the toewijzing, and a withdrawal is final (later JW301s
 *   still update fields but do not revive it). 'beeindiging' (02, 06–09) sets the toewijzing's einddatum: the
 *   toewijzing ends early, but the trajectory only becomes 'beeindigd' by a JW307 stop zorg.
 * - aantalWijzigingen: number of (distinct) JW301 versions with a redenWijziging, whatever its effect.
 * - aantalVerlengingen: number of JW301s with effect 'wijziging' (or an unknown code) that move the current einddatum
 *   later, or remove it (open-ended = later than any date). Setting an einddatum where there was none is a shortening,
 *   not an extension. A 'correctie' never counts (it repairs an error; the trajectory is unchanged).
 * - Start/stop: begindatum = earliest JW305 begindatum; without a JW305, the earliest JW307 begindatum. The effective
 *   stop is the JW307 with the latest einddatum. A JW305 whose begindatum lies after that stop's einddatum re-opens
 *   the trajectory (e.g. after reden 20 "tijdelijk beëindigd"): status 'gestart' again, stopdatum null.
 * - Status: intrekking → 'ingetrokken', unless an effective stop exists → 'beeindigd'; else an effective stop →
 *   'beeindigd'; else a start → 'gestart'; else 'toegewezen'.
 * - Without any JW301 the state is built from the starts/stops with `toewijzingOntbreekt: true`, `ingangsdatum: null`
 *   and `einddatum: null` (the only case in which ingangsdatum is null).
 * - wachttijdDagen = begindatum − ingangsdatum in calendar days (negative when the start lies before the ingangsdatum,
 *   which ingest accepts since iJw 3.2 and BERICHT_AFWIJKING signals); null when either is unknown.
 * - StatusAanlevering 3 (IV008, ../shared/ijw-3.2/regels/invulinstructies/invulinstructie_IV008.md; TR063) deletes an
 *   earlier start/stop with the same logical key. Keys (Condities_constraints_per_data-element.md, sleutelelementen;
 *   Mutatieoverzicht 3.2: "In berichtklassen StopProduct is de sleutel uitgebreid met RedenBeëindiging"), always within
 *   this trajectory (ToewijzingNummer) and for the same aanbieder and client:
 *     StartProduct: ToewijzingNummer + Product (categorie, code) + Begindatum;
 *     StopProduct:  ToewijzingNummer + Product + Begindatum + RedenBeeindiging + Einddatum.
 *   ToewijzingIngangsdatum is NOT part of a key (IV008: correcting it takes a deletion and a new start in separate
 *   berichten). Pairing: the starts (stops) of the trajectory in receipt order (ontvangenOp, then dagtekening,
 *   berichtId, canonical JSON); a deletion removes the latest earlier, not yet deleted aanlevering with its key, or
 *   nothing when there is none (ingest refuses that case by TR063; here it is kept as a deletion without effect).
 *   Everything above is then derived from the remaining (live) starts and stops, so deleting the only start returns the
 *   trajectory to 'toegewezen', deleting the stop to 'gestart'. The timeline keeps the deleted start/stop (with
 *   `verwijderdDoor`) and shows the deletion itself as soort 'verwijdering' (`verwijdert`: the deleted berichtId or
 *   null), dated on its dagtekening (else the key's begindatum / einddatum). Messages without statusAanlevering are
 *   aanleveringen (status 1), so message sets recorded before iJw 3.2 derive exactly as before.
 * - ToewijzingIngangsdatum (JW305/JW307, optional): the ingangsdatum of the toewijzing version the start/stop refers
 *   to. It is not a key element and does not change the fold; it is kept on the start/stop's timeline entry
 *   (`toewijzingIngangsdatum`) and, when it differs from the current version's ingangsdatum, reported as afwijking
 *   'toewijzingIngangsdatumAnders' (the start refers to another version, e.g. one changed after the start).
 * - afwijkingen (present only when there is one): deviations of a live start/stop from the CURRENT toewijzing that
 *   ingest rejected before iJw 3.2 and accepts now (docs/messages.md); BERICHT_AFWIJKING in @trajectwacht/signals
 *   alerts on them. Per start/stop: begindatum < ingangsdatum ('begindatumVoorIngangsdatum'), begindatum > einddatum
 *   ('begindatumNaEinddatum'), JW307 einddatum > einddatum ('einddatumNaEinddatum'), a product whose categorie
 *   differs, or whose code differs when both name one ('productAnders'; not against a generieke toewijzing), and
 *   'toewijzingIngangsdatumAnders'. Only for starts/stops recorded under iJw 3.2 (with `identificatie`): older ones
 *   passed these checks at ingest against the toewijzing of that moment, so their states stay those of before.
 *   Sorted by berichtId, then soort. None without a JW301 (START_ZONDER_TOEWIJZING covers that).
 * - Product and Budget: productcategorie/productcode/intensity come from the current JW301 (else the first live
 *   start/stop). A generieke toewijzing (JW301 with Budget and no Product) has productcategorie and productcode null,
 *   no intensity level and no flags (classifyProduct), `generiekeToewijzing: true` and `budget`; `budget` (eurocent)
 *   is present whenever the current version has one; `toewijzingsdatum`/`toewijzingstijd` of the current version
 *   likewise. ToewijzingNummer is compared exactly: the flat model carries its canonical form (no leading zeros).
 * - geboortedatumGebruik (COD170, present only when the client's DatumGebruik is given): copied from the same message
 *   as geboortedatum; 1 day unknown, 2 day and month unknown, 3 unknown (IV009: the unknown parts are 01 / 1900).
 */
import {
  canonicalJson,
  daysBetween,
  dutchDate,
  findRedenBeeindiging,
  findRedenWijziging,
  type DatumGebruik,
  type IntensityLevel,
  type IjwBericht,
  type IsoDate,
  type Jw301Toewijzing,
  type Jw305StartZorg,
  type Jw307StopZorg,
  type PseudonymisedBericht,
  type RedenWijzigingEffect,
} from '@trajectwacht/ijw';
import { classifyProduct, type IntensityMapping } from './intensity';

/** How and when the platform received a message. */
export interface Ontvangst {
  /** Authenticated sender, e.g. `gemeente:0034` or `aanbieder:12345678`. */
  afzender: string;
  /** Processing time (ISO timestamp). */
  ontvangenOp: string;
  /** Channel / source (e.g. 'api', 'xml', 'simulator'). */
  bron: string;
}

/** An accepted, pseudonymised message with its receipt. */
export type AcceptedMessage<B extends IjwBericht = IjwBericht> = PseudonymisedBericht<B> & { ontvangst: Ontvangst };

export type TrajectoryStatus = 'toegewezen' | 'gestart' | 'beeindigd' | 'ingetrokken';
export type TimelineSoort = 'toewijzing' | 'wijziging' | 'intrekking' | 'start' | 'stop' | 'verwijdering';

export interface TimelineEntry {
  berichtId: string;
  berichtcode: IjwBericht['berichtcode'];
  /**
   * Business date: toewijzing → ingangsdatum; wijziging/correctie → dagtekening ?? ingangsdatum; beëindiging via
   * JW301 → einddatum ?? dagtekening ?? ingangsdatum; intrekking → dagtekening ?? ingangsdatum; start → begindatum;
   * stop → einddatum.
   */
  datum: IsoDate;
  /** A JW301 with effect 'beeindiging' is soort 'wijziging' with effect 'beeindiging'. */
  soort: TimelineSoort;
  /** Effect of the redenWijziging (JW301 only); null for originals, starts and stops. */
  effect: RedenWijzigingEffect | null;
  /** JW301 only, present (true) when this message repeats the version before it (same toewijzingsdatum + -tijd). */
  herhaling?: true;
  /** On a start/stop deleted by a later StatusAanlevering 3: the berichtId of that deletion. */
  verwijderdDoor?: string;
  /** On a deletion (soort 'verwijdering'): the berichtId of the start/stop it deleted, null when none matched its key. */
  verwijdert?: string | null;
  /** Start/stop/verwijdering: the ToewijzingIngangsdatum the message names (absent when it names none). */
  toewijzingIngangsdatum?: IsoDate;
}

export type AfwijkingSoort =
  'begindatumVoorIngangsdatum' | 'begindatumNaEinddatum' | 'einddatumNaEinddatum' | 'productAnders' | 'toewijzingIngangsdatumAnders';
export const AFWIJKING_SOORTEN: readonly AfwijkingSoort[] = [
  'begindatumVoorIngangsdatum',
  'begindatumNaEinddatum',
  'einddatumNaEinddatum',
  'productAnders',
  'toewijzingIngangsdatumAnders',
];

/** A deviation of a start/stop from the current toewijzing (see the module comment). */
export interface Afwijking {
  soort: AfwijkingSoort;
  berichtId: string;
  berichtcode: 'JW305' | 'JW307';
  /** What the start/stop says: a date, or `categorie/code` ('-' for no code). */
  bericht: string;
  /** What the current toewijzing says, in the same form. */
  toewijzing: string;
  /** Dutch calendar date on which the platform received the start/stop. */
  ontvangen: IsoDate;
}

export interface TrajectoryState {
  /** `${gemeente}-${toewijzingNummer}`. */
  id: string;
  gemeente: string;
  toewijzingNummer: string;
  aanbieder: string;
  clientPseudonym: string;
  geboortedatum: IsoDate;
  /**
   * Productcategorie of the current toewijzing (else of the first start/stop); null when that names no product: a
   * generieke toewijzing (JW301 with Budget and no Product) or a start/stop without Product.
   */
  productcategorie: string | null;
  /** Productcode; null for an aspecifieke toewijzing (category only), a generieke toewijzing or no product. */
  productcode: string | null;
  /** Budget of the current toewijzing version in eurocent (LDT_Budget); absent when it has none. */
  budget?: number;
  /** Present (true) when the current toewijzing version is a generieke toewijzing: no Product (with a Budget). */
  generiekeToewijzing?: true;
  /** Toewijzingsdatum + Toewijzingstijd of the current version (iJw 3.2, IV013); absent for versions recorded before. */
  toewijzingsdatum?: IsoDate;
  toewijzingstijd?: string;
  intensiteit: IntensityLevel | null;
  crisis: boolean;
  verblijf: boolean;
  gedwongenKader: boolean;
  status: TrajectoryStatus;
  /** true when a JW301 with effect 'intrekking' exists (also when status is 'beeindigd' because care had stopped). */
  ingetrokken: boolean;
  /** true when no JW301 is known: fields come from JW305/JW307. */
  toewijzingOntbreekt: boolean;
  /** Toewijzing ingangsdatum; null only when toewijzingOntbreekt. */
  ingangsdatum: IsoDate | null;
  /** Toewijzing einddatum (may be null: open-ended). */
  einddatum: IsoDate | null;
  /** Actual start (JW305, else JW307 begindatum). */
  begindatum: IsoDate | null;
  /** Actual end (JW307 einddatum). */
  stopdatum: IsoDate | null;
  redenBeeindiging: string | null;
  /** From JZ588; null when not stopped. */
  volgensPlan: boolean | null;
  /** The latest redenWijziging (in fold order). */
  redenWijziging: string | null;
  aantalWijzigingen: number;
  aantalVerlengingen: number;
  wachttijdDagen: number | null;
  /** Sorted by datum, then JW301 < JW305 < JW307, then berichtId. */
  timeline: TimelineEntry[];
  /** Distinct berichtIds, sorted. */
  berichtIds: string[];
  /** COD170 DatumGebruik of geboortedatum (1 dag, 2 dag en maand, 3 geheel onbekend); absent = exact. */
  geboortedatumGebruik?: DatumGebruik;
  /** Deviations of starts/stops from the current toewijzing (see the module comment); absent when there are none. */
  afwijkingen?: Afwijking[];
}

const CODE_ORDER: Record<IjwBericht['berichtcode'], number> = { JW301: 0, JW305: 1, JW307: 2 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBy<T>(...keys: ((x: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = cmp(key(a), key(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Cached canonical JSON: the final, total tie-breaker. */
function canonicalKey(): (m: AcceptedMessage) => string {
  const cache = new WeakMap<AcceptedMessage, string>();
  return (m) => {
    let key = cache.get(m);
    if (key === undefined) {
      key = canonicalJson(m);
      cache.set(m, key);
    }
    return key;
  };
}

function effectOf(redenWijziging: string | undefined): RedenWijzigingEffect | null {
  if (!redenWijziging) return null;
  return findRedenWijziging(redenWijziging)?.effect ?? 'wijziging';
}

/** Deduplicates and sorts the messages of one trajectory in the canonical fold order (JW301s, JW305s, JW307s). */
export function sortMessages(messages: readonly AcceptedMessage[]): {
  toewijzingen: AcceptedMessage<Jw301Toewijzing>[];
  starts: AcceptedMessage<Jw305StartZorg>[];
  stops: AcceptedMessage<Jw307StopZorg>[];
} {
  const canon = canonicalKey();
  const received = (m: AcceptedMessage): string => m.ontvangst.ontvangenOp;
  const dedupe = <M extends AcceptedMessage>(sorted: M[]): M[] => {
    const seen = new Set<string>();
    return sorted.filter((m) => {
      const key = `${m.berichtcode}|${m.ontvangst.afzender}|${m.berichtId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  const toewijzingen: AcceptedMessage<Jw301Toewijzing>[] = [];
  const starts: AcceptedMessage<Jw305StartZorg>[] = [];
  const stops: AcceptedMessage<Jw307StopZorg>[] = [];
  for (const m of messages) {
    if (m.berichtcode === 'JW301') toewijzingen.push(m);
    else if (m.berichtcode === 'JW305') starts.push(m);
    else stops.push(m);
  }
  toewijzingen.sort(
    compareBy<AcceptedMessage<Jw301Toewijzing>>(
      (m) => (m.toewijzingsdatum ? '1' : '0'),
      (m) => m.toewijzingsdatum ?? '',
      (m) => (m.toewijzingsdatum ? (m.toewijzingstijd ?? '') : ''),
      (m) => (m.redenWijziging ? '1' : '0'),
      (m) => m.dagtekening ?? '',
      (m) => m.ingangsdatum,
      received,
      (m) => m.berichtId,
      canon,
    ),
  );
  starts.sort(
    compareBy<AcceptedMessage<Jw305StartZorg>>(
      (m) => m.begindatum,
      (m) => m.dagtekening ?? '',
      received,
      (m) => m.berichtId,
      canon,
    ),
  );
  stops.sort(
    compareBy<AcceptedMessage<Jw307StopZorg>>(
      (m) => m.einddatum,
      (m) => m.begindatum,
      (m) => m.dagtekening ?? '',
      received,
      (m) => m.berichtId,
      canon,
    ),
  );
  return { toewijzingen: dedupe(toewijzingen), starts: dedupe(starts), stops: dedupe(stops) };
}

function timelineEntry(m: AcceptedMessage, herhalingen: ReadonlySet<string>, deletions: Deletions): TimelineEntry {
  if (m.berichtcode === 'JW305' || m.berichtcode === 'JW307') {
    const datum = m.berichtcode === 'JW305' ? m.begindatum : m.einddatum;
    const base = { berichtId: m.berichtId, berichtcode: m.berichtcode, effect: null };
    const entry: TimelineEntry =
      m.statusAanlevering === '3'
        ? { ...base, datum: m.dagtekening ?? datum, soort: 'verwijdering', verwijdert: deletions.deletes.get(m.berichtId) ?? null }
        : { ...base, datum, soort: m.berichtcode === 'JW305' ? 'start' : 'stop' };
    const by = deletions.deletedBy.get(m.berichtId);
    if (by !== undefined) entry.verwijderdDoor = by;
    if (m.toewijzingIngangsdatum !== undefined) entry.toewijzingIngangsdatum = m.toewijzingIngangsdatum;
    return entry;
  }
  const effect = effectOf(m.redenWijziging);
  const base: Pick<TimelineEntry, 'berichtId' | 'berichtcode' | 'effect' | 'herhaling'> = {
    berichtId: m.berichtId,
    berichtcode: m.berichtcode,
    effect,
  };
  if (herhalingen.has(m.berichtId)) base.herhaling = true;
  // The decision date of an iJw 3.2 version (toewijzingsdatum) is its business date; before 3.2 the dagtekening.
  const besluit = m.toewijzingsdatum ?? m.dagtekening ?? m.ingangsdatum;
  if (effect === null) return { ...base, datum: m.ingangsdatum, soort: 'toewijzing' };
  if (effect === 'intrekking') return { ...base, datum: besluit, soort: 'intrekking' };
  if (effect === 'beeindiging') return { ...base, datum: m.einddatum ?? besluit, soort: 'wijziging' };
  return { ...base, datum: besluit, soort: 'wijziging' };
}

interface Deletions {
  /** deleted berichtId → berichtId of the deletion */
  deletedBy: Map<string, string>;
  /** deletion berichtId → deleted berichtId (null: nothing matched) */
  deletes: Map<string, string | null>;
}

function productKey(m: PseudonymisedBericht): string {
  return `${m.product?.categorie ?? ''}/${m.product?.code ?? ''}`;
}

/** Logical key of a StartProduct (IV008), with the aanbieder and client it belongs to. */
function startKey(m: AcceptedMessage<Jw305StartZorg>): string {
  return [m.aanbieder, m.client.pseudonym, productKey(m), m.begindatum].join('|');
}

/** Logical key of a StopProduct (sleutelelementen incl. RedenBeeindiging and Einddatum in iJw 3.2). */
function stopKey(m: AcceptedMessage<Jw307StopZorg>): string {
  return [m.aanbieder, m.client.pseudonym, productKey(m), m.begindatum, m.redenBeeindiging, m.einddatum].join('|');
}

/**
 * Pairs every deletion (StatusAanlevering 3) with the latest earlier live aanlevering of its key, in receipt order, and
 * returns the live aanleveringen (in their input order) and the pairs. See the module comment.
 */
function applyDeletions<M extends AcceptedMessage<Jw305StartZorg> | AcceptedMessage<Jw307StopZorg>>(
  messages: readonly M[],
  key: (m: M) => string,
  canon: (m: AcceptedMessage) => string,
  into: Deletions,
): M[] {
  if (!messages.some((m) => m.statusAanlevering === '3')) return [...messages];
  const inReceiptOrder = [...messages].sort(
    compareBy<M>(
      (m) => m.ontvangst.ontvangenOp,
      (m) => m.dagtekening ?? '',
      (m) => m.berichtId,
      canon,
    ),
  );
  const live = new Map<string, M[]>();
  for (const m of inReceiptOrder) {
    const k = key(m);
    const stack = live.get(k) ?? [];
    if (m.statusAanlevering === '3') {
      const target = stack.pop();
      into.deletes.set(m.berichtId, target?.berichtId ?? null);
      if (target) into.deletedBy.set(target.berichtId, m.berichtId);
    } else {
      stack.push(m);
    }
    live.set(k, stack);
  }
  return messages.filter((m) => m.statusAanlevering !== '3' && !into.deletedBy.has(m.berichtId));
}

/** Number of effective deletions (StatusAanlevering 3 that deleted something) of starts (JW305) or stops (JW307). */
export function aantalVerwijderingen(t: Pick<TrajectoryState, 'timeline'>, berichtcode: 'JW305' | 'JW307'): number {
  return t.timeline.filter((e) => e.soort === 'verwijdering' && e.berichtcode === berichtcode && e.verwijdert).length;
}

function productText(p: { categorie: string; code?: string } | undefined): string {
  return p ? `${p.categorie}/${p.code ?? '-'}` : '-';
}

/** Deviations of the live starts/stops recorded under iJw 3.2 from the current toewijzing (module comment). */
function findAfwijkingen(
  current: AcceptedMessage<Jw301Toewijzing>,
  live: readonly (AcceptedMessage<Jw305StartZorg> | AcceptedMessage<Jw307StopZorg>)[],
): Afwijking[] {
  const out: Afwijking[] = [];
  for (const m of live) {
    if (m.identificatie === undefined) continue;
    const add = (soort: AfwijkingSoort, bericht: string, toewijzing: string): void => {
      out.push({
        soort,
        berichtId: m.berichtId,
        berichtcode: m.berichtcode,
        bericht,
        toewijzing,
        ontvangen: dutchDate(new Date(m.ontvangst.ontvangenOp)),
      });
    };
    if (m.begindatum < current.ingangsdatum) add('begindatumVoorIngangsdatum', m.begindatum, current.ingangsdatum);
    if (current.einddatum !== undefined && m.begindatum > current.einddatum) add('begindatumNaEinddatum', m.begindatum, current.einddatum);
    if (m.berichtcode === 'JW307' && current.einddatum !== undefined && m.einddatum > current.einddatum)
      add('einddatumNaEinddatum', m.einddatum, current.einddatum);
    const p = m.product;
    const t = current.product;
    if (
      p !== undefined &&
      t !== undefined &&
      (p.categorie !== t.categorie || (p.code !== undefined && t.code !== undefined && p.code !== t.code))
    ) {
      add('productAnders', productText(p), productText(t));
    }
    if (m.toewijzingIngangsdatum !== undefined && m.toewijzingIngangsdatum !== current.ingangsdatum)
      add('toewijzingIngangsdatumAnders', m.toewijzingIngangsdatum, current.ingangsdatum);
  }
  return out.sort((a, b) => cmp(a.berichtId, b.berichtId) || AFWIJKING_SOORTEN.indexOf(a.soort) - AFWIJKING_SOORTEN.indexOf(b.soort));
}

/** The version key of a JW301 (toewijzingsdatum + toewijzingstijd), or null for one recorded before iJw 3.2. */
function versionKey(m: Pick<Jw301Toewijzing, 'toewijzingsdatum' | 'toewijzingstijd'>): string | null {
  return m.toewijzingsdatum ? `${m.toewijzingsdatum}T${m.toewijzingstijd ?? ''}` : null;
}

function assertOneToewijzing(messages: readonly AcceptedMessage[]): void {
  const first = messages[0];
  for (const m of messages) {
    if (m.gemeente !== first.gemeente || m.toewijzingNummer !== first.toewijzingNummer) {
      throw new Error(
        `deriveTrajectory: messages of more than one toewijzing (${first.gemeente}/${first.toewijzingNummer} and ` +
          `${m.gemeente}/${m.toewijzingNummer})`,
      );
    }
  }
}

/**
 * Derives the trajectory state from all messages of ONE toewijzing (same gemeente + toewijzingNummer), in any order.
 * Returns null for an empty list; throws when messages of different toewijzingen are mixed. See the module comment
 * for every rule.
 */
export function deriveTrajectory(messages: readonly AcceptedMessage[], mapping: IntensityMapping): TrajectoryState | null {
  if (messages.length === 0) return null;
  assertOneToewijzing(messages);
  const sorted = sortMessages(messages);
  const { toewijzingen } = sorted;
  const deletions: Deletions = { deletedBy: new Map(), deletes: new Map() };
  const canon = canonicalKey();
  const starts = applyDeletions(sorted.starts, startKey, canon, deletions);
  const stops = applyDeletions(sorted.stops, stopKey, canon, deletions);

  // --- toewijzing fold -------------------------------------------------------------------------------------------
  let current: AcceptedMessage<Jw301Toewijzing> | null = null;
  let einddatum: IsoDate | null = null;
  let ingetrokken = false;
  let redenWijziging: string | null = null;
  let aantalWijzigingen = 0;
  let aantalVerlengingen = 0;
  const herhalingen = new Set<string>();
  for (const m of toewijzingen) {
    const effect = effectOf(m.redenWijziging);
    const nieuweEinddatum = m.einddatum ?? null;
    const version = versionKey(m);
    if (current !== null && version !== null && version === versionKey(current)) {
      // The same version sent again: its fields replace (they should be identical), nothing is counted.
      herhalingen.add(m.berichtId);
      if (effect === 'intrekking') ingetrokken = true;
      current = m;
      einddatum = nieuweEinddatum;
      continue;
    }
    if (current !== null && effect === 'wijziging') {
      const later = einddatum !== null && (nieuweEinddatum === null || nieuweEinddatum > einddatum);
      if (later) aantalVerlengingen += 1;
    }
    if (effect !== null) {
      aantalWijzigingen += 1;
      redenWijziging = m.redenWijziging ?? null;
    }
    if (effect === 'intrekking') ingetrokken = true;
    current = m;
    einddatum = nieuweEinddatum;
  }

  // --- start / stop ------------------------------------------------------------------------------------------------
  const firstStart = starts[0] ?? null;
  const lastStop = stops.length ? stops[stops.length - 1] : null;
  const lastStart = starts.length ? starts[starts.length - 1] : null;
  const heropend = lastStop !== null && lastStart !== null && lastStart.begindatum > lastStop.einddatum;
  const effectiveStop = heropend ? null : lastStop;
  let begindatum: IsoDate | null = firstStart?.begindatum ?? null;
  if (begindatum === null && stops.length) begindatum = stops.map((s) => s.begindatum).sort(cmp)[0];

  let status: TrajectoryStatus;
  if (ingetrokken) status = effectiveStop ? 'beeindigd' : 'ingetrokken';
  else if (effectiveStop) status = 'beeindigd';
  else if (begindatum !== null) status = 'gestart';
  else status = 'toegewezen';

  // --- descriptive fields ------------------------------------------------------------------------------------------
  const source: AcceptedMessage = current ?? firstStart ?? stops[0] ?? sorted.starts[0] ?? sorted.stops[0];
  const product = source.product;
  const classification = classifyProduct(mapping, source.gemeente, product);
  const ingangsdatum = current?.ingangsdatum ?? null;

  const entries = [...toewijzingen, ...sorted.starts, ...sorted.stops].map((m) => timelineEntry(m, herhalingen, deletions));
  entries.sort((a, b) => cmp(a.datum, b.datum) || CODE_ORDER[a.berichtcode] - CODE_ORDER[b.berichtcode] || cmp(a.berichtId, b.berichtId));
  const berichtIds = [...new Set(entries.map((e) => e.berichtId))].sort(cmp);

  const state: TrajectoryState = {
    id: `${source.gemeente}-${source.toewijzingNummer}`,
    gemeente: source.gemeente,
    toewijzingNummer: source.toewijzingNummer,
    aanbieder: source.aanbieder,
    clientPseudonym: source.client.pseudonym,
    geboortedatum: source.client.geboortedatum,
    productcategorie: product?.categorie ?? null,
    productcode: product?.code ?? null,
    intensiteit: classification.intensiteit,
    crisis: classification.crisis,
    verblijf: classification.verblijf,
    gedwongenKader: classification.gedwongenKader,
    status,
    ingetrokken,
    toewijzingOntbreekt: current === null,
    ingangsdatum,
    einddatum,
    begindatum,
    stopdatum: effectiveStop?.einddatum ?? null,
    redenBeeindiging: effectiveStop?.redenBeeindiging ?? null,
    volgensPlan: effectiveStop ? findRedenBeeindiging(effectiveStop.redenBeeindiging)?.volgensPlan === true : null,
    redenWijziging,
    aantalWijzigingen,
    aantalVerlengingen,
    wachttijdDagen: begindatum !== null && ingangsdatum !== null ? daysBetween(ingangsdatum, begindatum) : null,
    timeline: entries,
    berichtIds,
  };
  // iJw 3.2 fields: only present when the messages carry them, so a set recorded before derives the state of before.
  if (current !== null) {
    if (current.budget !== undefined) state.budget = current.budget;
    if (current.product === undefined) state.generiekeToewijzing = true;
    if (current.toewijzingsdatum !== undefined) state.toewijzingsdatum = current.toewijzingsdatum;
    if (current.toewijzingstijd !== undefined) state.toewijzingstijd = current.toewijzingstijd;
    const afwijkingen = findAfwijkingen(current, [...starts, ...stops]);
    if (afwijkingen.length > 0) state.afwijkingen = afwijkingen;
  }
  if (source.client.datumGebruik !== undefined) state.geboortedatumGebruik = source.client.datumGebruik;
  return state;
}

/** Groups messages by toewijzing key `${gemeente}-${toewijzingNummer}` (the trajectory id). */
export function groupByTrajectory<M extends AcceptedMessage>(messages: readonly M[]): Map<string, M[]> {
  const groups = new Map<string, M[]>();
  for (const m of messages) {
    const id = trajectoryId(m.gemeente, m.toewijzingNummer);
    const list = groups.get(id);
    if (list) list.push(m);
    else groups.set(id, [m]);
  }
  return groups;
}

export function trajectoryId(gemeente: string, toewijzingNummer: string): string {
  return `${gemeente}-${toewijzingNummer}`;
}
