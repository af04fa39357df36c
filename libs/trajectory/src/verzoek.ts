/**
 * The request side of the cycle (issue 17): the state of one verzoek — a JW315 AangevraagdProduct (verzoek om
 * toewijzing, VOT) or a JW317 Verzoek (verzoek om wijziging, VOW) — derived from ALL accepted messages that carry its
 * key, as the standard links them (docs/messages.md §3a): the verzoek itself, the gemeente's antwoordberichten (JW319,
 * TR355) and the ToegewezenProducten that honour it (JW301 with the verzoek's ReferentieAanbieder, TR379). The key
 * is `verzoekSleutel(gemeente, aanbieder, referentieAanbieder)` of @trajectwacht/ijw, the state's `id`.
 *
 * Decisions (part of the contract):
 * - Order-independent: the messages are deduplicated (berichtcode + afzender + berichtId) and sorted by receipt
 *   (ontvangenOp, then berichtId), so the state depends only on the SET of messages (a replay rebuilds it exactly).
 * - Without the JW315/JW317 itself there is no state (null): a JW301 may carry a ReferentieAanbieder of a verzoek
 *   sent before the platform received berichten; ingest refuses a JW319 without verzoek (TR355).
 * - `ontvangen` is the Dutch date on which the platform received the verzoek (the moment it was sent on to the
 *   gemeente through the platform): the terms of the standard run from receipt ("na ontvangst van een verzoek",
 *   procesbeschrijving-ijw-3.2.md §2.5.3, OP346). `dagtekening` (the date the aanbieder made the bericht) is kept
 *   beside it: the 8-week term after "aanvraag in onderzoek" runs from the dagtekening of the verzoek (OP346, FAQ
 *   "reactietermijnen").
 * - Answers, each dated by its receipt: a JW319 with VerzoekAntwoord 2 sets `inOnderzoekOp` (at most one, TR360);
 *   VerzoekAntwoord 1 sets `afgewezenOp` + `redenAfwijzing` (+ `woonplaatsbeginselGemeente` with reden 8); the first
 *   JW301 carrying the reference sets `toegewezenOp` (its receipt) and `toewijzingsdatum` (the gemeente's decision
 *   date), and every ToewijzingNummer carrying it is listed in `toewijzingNummers` (a VOW is honoured by several).
 * - status: toegewezen (a JW301 carries the reference) > afgewezen (a JW319 with 1) > in_onderzoek (a JW319 with 2)
 *   > ontvangen. A JW301 after an afwijzing (the standard forbids it only the other way round, TR359) makes it
 *   toegewezen: what was toegewezen is what the aanbieder may deliver.
 * - `beantwoordOp`: the first answer of any kind (JW319 or JW301); `afgehandeldOp`: toegewezen or afgewezen
 *   (TR374: a verzoek is "in behandeling" until one of these).
 */
import {
  canonicalNummer,
  daysBetween,
  dutchDate,
  type DatumGebruik,
  type IsoDate,
  type Omvang,
  type PseudonymisedVerzoek,
} from '@trajectwacht/ijw';
import type { Jw301Toewijzing, Jw315AangevraagdProduct, Jw317VerzoekOmWijziging, Jw319Antwoord } from '@trajectwacht/ijw';
import { trajectoryId, type AcceptedMessage, type Ontvangst, type TrajectoryState } from './trajectory';

/** A JW315 AangevraagdProduct or a JW317 Verzoek as it travels on ijw.geaccepteerd.v1 (pseudonymised, with receipt). */
export type AcceptedVerzoek<
  V extends Jw315AangevraagdProduct | Jw317VerzoekOmWijziging = Jw315AangevraagdProduct | Jw317VerzoekOmWijziging,
> = PseudonymisedVerzoek<V> & { ontvangst: Ontvangst };
/**
 * A JW319 as it travels on ijw.geaccepteerd.v1: a JW319 carries no client, so ingest adds the pseudonym of the
 * verzoek it answers (found by its ReferentieAanbieder, TR355), which keys the record like every other of the child.
 */
export type AcceptedAntwoord = Jw319Antwoord & { client: { pseudonym: string }; ontvangst: Ontvangst };
/** Every accepted message of the request side. */
export type AcceptedVerzoekMessage = AcceptedVerzoek | AcceptedAntwoord;
/** What a verzoek's state is derived from: its verzoek, its answers, and the JW301s that carry its reference. */
export type VerzoekInput = AcceptedVerzoekMessage | AcceptedMessage<Jw301Toewijzing>;

export const VERZOEK_STATUSSEN = ['ontvangen', 'in_onderzoek', 'afgewezen', 'toegewezen'] as const;
export type VerzoekStatus = (typeof VERZOEK_STATUSSEN)[number];

/** One product a verzoek asks for: a JW315 AangevraagdProduct, or a JW317 TeWijzigenProduct / NieuwProduct. */
export interface VerzoekProduct {
  soort: 'aangevraagd' | 'te_wijzigen' | 'nieuw';
  /** TeWijzigenProduct only: the toewijzing it changes. */
  toewijzingNummer: string | null;
  productcategorie: string | null;
  productcode: string | null;
  /** JW315 ToewijzingIngangsdatum; JW317 GewensteIngangsdatum. */
  ingangsdatum: IsoDate;
  einddatum: IsoDate | null;
  omvang?: Omvang;
  budget?: number;
}

/** One answer on the verzoek's timeline. */
export interface VerzoekAntwoordEntry {
  berichtId: string;
  berichtcode: 'JW319' | 'JW301';
  /** Dutch date of receipt. */
  ontvangen: IsoDate;
  dagtekening: IsoDate | null;
  /** JW319: WJ760 1 afgewezen, 2 in onderzoek. */
  verzoekAntwoord?: string;
  redenAfwijzingVerzoek?: string;
  /** JW301: the toewijzing that honours the verzoek, and the gemeente's decision date. */
  toewijzingNummer?: string;
  toewijzingsdatum?: IsoDate;
}

export interface VerzoekState {
  /** verzoekSleutel: `gemeente|aanbieder|referentieAanbieder`. */
  id: string;
  /** JW315 verzoek om toewijzing (VOT) or JW317 verzoek om wijziging (VOW). */
  soort: 'JW315' | 'JW317';
  gemeente: string;
  aanbieder: string;
  referentieAanbieder: string;
  clientPseudonym: string;
  /** JW315 only (a JW317 carries only the Bsn). */
  geboortedatum: IsoDate | null;
  geboortedatumGebruik?: DatumGebruik;
  berichtId: string;
  identificatie: string;
  dagtekening: IsoDate;
  /** Dutch date of receipt of the verzoek (the terms run from it). */
  ontvangen: IsoDate;
  /** Receipt timestamp (ISO). */
  ontvangenOp: string;
  /** Of the first product asked for (null for a generieke or a product-less wijziging). */
  productcategorie: string | null;
  productcode: string | null;
  producten: VerzoekProduct[];
  /** JW315: COD327 type and the ZorgverlenerCode (AGB) when given; the Naam is not kept. JW317: null. */
  verwijzer: { type: string; zorgverlenerCode: string | null } | null;
  /** JW317: WJ758. */
  redenVerzoek: string | null;
  /** JW317: the ToewijzingNummers of the OngewijzigdeProducten. */
  ongewijzigd: string[];
  status: VerzoekStatus;
  inOnderzoekOp: IsoDate | null;
  afgewezenOp: IsoDate | null;
  redenAfwijzing: string | null;
  woonplaatsbeginselGemeente: string | null;
  toegewezenOp: IsoDate | null;
  toewijzingsdatum: IsoDate | null;
  beantwoordOp: IsoDate | null;
  afgehandeldOp: IsoDate | null;
  /** Every ToewijzingNummer whose JW301 carries the reference (canonical, sorted). */
  toewijzingNummers: string[];
  /** trajectoryId of each (`gemeente|nummer`). */
  trajectoryIds: string[];
  antwoorden: VerzoekAntwoordEntry[];
  berichtIds: string[];
}

const isVerzoekMessage = (m: VerzoekInput): m is AcceptedVerzoek => m.berichtcode === 'JW315' || m.berichtcode === 'JW317';

function sortKey(m: VerzoekInput): string {
  return `${m.ontvangst.ontvangenOp}|${m.berichtcode}|${m.berichtId}`;
}

function productenOf(v: AcceptedVerzoek): VerzoekProduct[] {
  if (v.berichtcode === 'JW315') {
    const p = v as AcceptedVerzoek<Jw315AangevraagdProduct>;
    return [
      {
        soort: 'aangevraagd',
        toewijzingNummer: null,
        productcategorie: p.product?.categorie ?? null,
        productcode: p.product?.code ?? null,
        ingangsdatum: p.toewijzingIngangsdatum,
        einddatum: p.toewijzingEinddatum ?? null,
        ...(p.omvang ? { omvang: p.omvang } : {}),
        ...(p.budget !== undefined ? { budget: p.budget } : {}),
      },
    ];
  }
  const w = v as AcceptedVerzoek<Jw317VerzoekOmWijziging>;
  return [
    ...w.teWijzigen.map((t): VerzoekProduct => ({
      soort: 'te_wijzigen',
      toewijzingNummer: canonicalNummer(t.toewijzingNummer),
      productcategorie: null,
      productcode: null,
      ingangsdatum: t.gewensteIngangsdatum,
      einddatum: t.einddatum ?? null,
      ...(t.omvang ? { omvang: t.omvang } : {}),
      ...(t.budget !== undefined ? { budget: t.budget } : {}),
    })),
    ...w.nieuw.map((n): VerzoekProduct => ({
      soort: 'nieuw',
      toewijzingNummer: null,
      productcategorie: n.product?.categorie ?? null,
      productcode: n.product?.code ?? null,
      ingangsdatum: n.gewensteIngangsdatum,
      einddatum: n.einddatum ?? null,
      ...(n.omvang ? { omvang: n.omvang } : {}),
      ...(n.budget !== undefined ? { budget: n.budget } : {}),
    })),
  ];
}

/** Derives a verzoek's state from all messages with its key (see the module comment); null without the verzoek itself. */
export function deriveVerzoek(messages: readonly VerzoekInput[]): VerzoekState | null {
  const seen = new Set<string>();
  const sorted = [...messages]
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
    .filter((m) => {
      const key = `${m.berichtcode}|${m.ontvangst.afzender}|${m.berichtId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const verzoek = sorted.find(isVerzoekMessage);
  if (!verzoek) return null;
  const producten = productenOf(verzoek);
  const first = producten.find((p) => p.productcategorie !== null) ?? null;
  const jw315 = verzoek.berichtcode === 'JW315' ? (verzoek as AcceptedVerzoek<Jw315AangevraagdProduct>) : null;
  const jw317 = verzoek.berichtcode === 'JW317' ? (verzoek as AcceptedVerzoek<Jw317VerzoekOmWijziging>) : null;
  const state: VerzoekState = {
    id: `${verzoek.gemeente}|${verzoek.aanbieder}|${verzoek.referentieAanbieder}`,
    soort: verzoek.berichtcode,
    gemeente: verzoek.gemeente,
    aanbieder: verzoek.aanbieder,
    referentieAanbieder: verzoek.referentieAanbieder,
    clientPseudonym: verzoek.client.pseudonym,
    geboortedatum: jw315?.client.geboortedatum ?? null,
    ...(jw315?.client.datumGebruik ? { geboortedatumGebruik: jw315.client.datumGebruik } : {}),
    berichtId: verzoek.berichtId,
    identificatie: verzoek.identificatie,
    dagtekening: verzoek.dagtekening,
    ontvangen: dutchDate(new Date(verzoek.ontvangst.ontvangenOp)),
    ontvangenOp: verzoek.ontvangst.ontvangenOp,
    productcategorie: first?.productcategorie ?? null,
    productcode: first?.productcode ?? null,
    producten,
    verwijzer: jw315 ? { type: jw315.verwijzer.type, zorgverlenerCode: jw315.verwijzer.zorgverlenerCode ?? null } : null,
    redenVerzoek: jw317?.redenVerzoek ?? null,
    ongewijzigd: jw317 ? jw317.ongewijzigd.map(canonicalNummer) : [],
    status: 'ontvangen',
    inOnderzoekOp: null,
    afgewezenOp: null,
    redenAfwijzing: null,
    woonplaatsbeginselGemeente: null,
    toegewezenOp: null,
    toewijzingsdatum: null,
    beantwoordOp: null,
    afgehandeldOp: null,
    toewijzingNummers: [],
    trajectoryIds: [],
    antwoorden: [],
    berichtIds: [],
  };
  const nummers = new Set<string>();
  for (const m of sorted) {
    state.berichtIds.push(m.berichtId);
    if (isVerzoekMessage(m)) continue;
    const ontvangen = dutchDate(new Date(m.ontvangst.ontvangenOp));
    state.beantwoordOp ??= ontvangen;
    if (m.berichtcode === 'JW319') {
      const a = m as AcceptedAntwoord;
      state.antwoorden.push({
        berichtId: a.berichtId,
        berichtcode: 'JW319',
        ontvangen,
        dagtekening: a.dagtekening,
        verzoekAntwoord: a.verzoekAntwoord,
        ...(a.redenAfwijzingVerzoek ? { redenAfwijzingVerzoek: a.redenAfwijzingVerzoek } : {}),
      });
      if (a.verzoekAntwoord === '2') state.inOnderzoekOp ??= ontvangen;
      if (a.verzoekAntwoord === '1' && state.afgewezenOp === null) {
        state.afgewezenOp = ontvangen;
        state.redenAfwijzing = a.redenAfwijzingVerzoek ?? null;
        state.woonplaatsbeginselGemeente = a.woonplaatsbeginselGemeente ?? null;
      }
      continue;
    }
    const t = m as AcceptedMessage<Jw301Toewijzing>;
    const nummer = canonicalNummer(t.toewijzingNummer);
    state.antwoorden.push({
      berichtId: t.berichtId,
      berichtcode: 'JW301',
      ontvangen,
      dagtekening: t.dagtekening ?? null,
      toewijzingNummer: nummer,
      ...(t.toewijzingsdatum ? { toewijzingsdatum: t.toewijzingsdatum } : {}),
    });
    nummers.add(nummer);
    if (state.toegewezenOp === null) {
      state.toegewezenOp = ontvangen;
      state.toewijzingsdatum = t.toewijzingsdatum ?? null;
    }
  }
  state.toewijzingNummers = [...nummers].sort();
  state.trajectoryIds = state.toewijzingNummers.map((n) => trajectoryId(state.gemeente, n));
  state.status =
    state.toegewezenOp !== null
      ? 'toegewezen'
      : state.afgewezenOp !== null
        ? 'afgewezen'
        : state.inOnderzoekOp
          ? 'in_onderzoek'
          : 'ontvangen';
  const afgehandeld = [state.toegewezenOp, state.afgewezenOp].filter((d): d is IsoDate => d !== null).sort();
  state.afgehandeldOp = afgehandeld[0] ?? null;
  return state;
}

export type VerzoekEventType = 'VerzoekOntvangen' | 'VerzoekInOnderzoek' | 'VerzoekAfgewezen' | 'VerzoekToegewezen' | 'VerzoekGewijzigd';
export const VERZOEK_EVENT_TYPES: readonly VerzoekEventType[] = [
  'VerzoekOntvangen',
  'VerzoekInOnderzoek',
  'VerzoekAfgewezen',
  'VerzoekToegewezen',
  'VerzoekGewijzigd',
];

/** A domain event of a verzoek (on trajectory.events.v1 beside the trajectory events, with the state after it). */
export interface VerzoekEvent {
  eventId: string;
  type: VerzoekEventType;
  verzoekId: string;
  clientPseudonym: string;
  gemeente: string;
  aanbieder: string;
  /** Business date of what happened (the receipt date of the message that caused it). */
  effectiveDate: IsoDate;
  facts: Record<string, string | number | boolean | null | string[]>;
}

/**
 * The events from before → after. VerzoekOntvangen when the verzoek becomes known; VerzoekInOnderzoek when
 * inOnderzoekOp becomes known; VerzoekAfgewezen when afgewezenOp does; VerzoekToegewezen when toegewezenOp does;
 * VerzoekGewijzigd for any other change of the state (another JW301 for a VOW, …), so consumers that keep the state
 * from the events always have the latest. eventId = `${verzoekId}:${type}:${discriminator}` from the states only.
 */
export function diffVerzoek(before: VerzoekState | null, after: VerzoekState): VerzoekEvent[] {
  const base = { verzoekId: after.id, clientPseudonym: after.clientPseudonym, gemeente: after.gemeente, aanbieder: after.aanbieder };
  const events: VerzoekEvent[] = [];
  const push = (type: VerzoekEventType, discriminator: string, effectiveDate: IsoDate, facts: VerzoekEvent['facts']): void => {
    events.push({ eventId: `${after.id}:${type}:${discriminator}`, type, ...base, effectiveDate, facts });
  };
  if (before === null) push('VerzoekOntvangen', after.berichtId, after.ontvangen, { soort: after.soort, status: after.status });
  if (after.inOnderzoekOp !== null && before?.inOnderzoekOp == null)
    push('VerzoekInOnderzoek', after.inOnderzoekOp, after.inOnderzoekOp, { status: after.status });
  if (after.afgewezenOp !== null && before?.afgewezenOp == null)
    push('VerzoekAfgewezen', after.afgewezenOp, after.afgewezenOp, { status: after.status, redenAfwijzing: after.redenAfwijzing });
  if (after.toegewezenOp !== null && before?.toegewezenOp == null)
    push('VerzoekToegewezen', after.toegewezenOp, after.toegewezenOp, {
      status: after.status,
      toewijzingNummers: after.toewijzingNummers,
    });
  if (events.length === 0 && before !== null && JSON.stringify(before) !== JSON.stringify(after)) {
    const nieuw = after.berichtIds.filter((id) => !before.berichtIds.includes(id));
    const last = after.antwoorden[after.antwoorden.length - 1];
    push('VerzoekGewijzigd', `berichten-${nieuw.join(',')}`, last?.ontvangen ?? after.ontvangen, { nieuweBerichten: nieuw });
  }
  return events;
}

/** One toewijzing a verzoek led to, with its start and stop (from its trajectory state, when visible). */
export interface VerzoekKetenToewijzing {
  trajectoryId: string;
  toewijzingNummer: string;
  /** Receipt of the first JW301 carrying the verzoek's reference for this toewijzing. */
  toegewezenOp: IsoDate | null;
  toewijzingsdatum: IsoDate | null;
  ingangsdatum: IsoDate | null;
  einddatum: IsoDate | null;
  begindatum: IsoDate | null;
  stopdatum: IsoDate | null;
  status: string | null;
}

/** The chain verzoek → (antwoorden) → toewijzing → start → stop of one verzoek, with its waiting times in days. */
export interface VerzoekKeten {
  verzoek: VerzoekState;
  toewijzingen: VerzoekKetenToewijzing[];
  /** verzoek ontvangen → first JW301 received; its toewijzing's ingangsdatum → begindatum; verzoek ontvangen → begindatum. */
  wachtdagen: { verzoekToewijzing: number | null; toewijzingStart: number | null; verzoekStart: number | null };
}

/**
 * The chain of a verzoek from its state and the trajectory states of the toewijzingen it led to (those the caller may
 * see): per toewijzing its dates, and the waiting times of the first one that started (calendar days).
 */
export function verzoekKeten(
  verzoek: VerzoekState,
  trajectories: readonly Pick<
    TrajectoryState,
    'id' | 'toewijzingNummer' | 'ingangsdatum' | 'einddatum' | 'begindatum' | 'stopdatum' | 'status'
  >[],
): VerzoekKeten {
  const byId = new Map(trajectories.map((t) => [t.id, t]));
  const toewijzingen = verzoek.toewijzingNummers.map((nummer): VerzoekKetenToewijzing => {
    const id = trajectoryId(verzoek.gemeente, nummer);
    const t = byId.get(id);
    const antwoord = verzoek.antwoorden.find((a) => a.berichtcode === 'JW301' && a.toewijzingNummer === nummer);
    return {
      trajectoryId: id,
      toewijzingNummer: nummer,
      toegewezenOp: antwoord?.ontvangen ?? null,
      toewijzingsdatum: antwoord?.toewijzingsdatum ?? null,
      ingangsdatum: t?.ingangsdatum ?? null,
      einddatum: t?.einddatum ?? null,
      begindatum: t?.begindatum ?? null,
      stopdatum: t?.stopdatum ?? null,
      status: t?.status ?? null,
    };
  });
  const gestart = toewijzingen.filter((t) => t.begindatum !== null).sort((a, b) => (a.begindatum! < b.begindatum! ? -1 : 1))[0];
  const days = (a: IsoDate | null | undefined, b: IsoDate | null | undefined): number | null => (a && b ? daysBetween(a, b) : null);
  return {
    verzoek,
    toewijzingen,
    wachtdagen: {
      verzoekToewijzing: days(verzoek.ontvangen, verzoek.toegewezenOp),
      toewijzingStart: days(gestart?.ingangsdatum, gestart?.begindatum),
      verzoekStart: days(verzoek.ontvangen, gestart?.begindatum),
    },
  };
}
