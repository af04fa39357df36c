/**
 * trajectory.events.v1 — the domain events of libs/trajectory (diffTrajectory), each with its processing time
 * (`occurredAt`), its business time (`eventTime`: when the latest message of the trajectory arrived; absent on
 * records written before it existed) and the full trajectory state after it (`trajectory`). Key: the client's
 * pseudonym. Producer: trajectory (outbox); consumers: signals, the monitor's live stream. Discriminant: `type`.
 */
import { INTENSITY_LADDER } from '@trajectwacht/ijw';
import {
  AFWIJKING_SOORTEN,
  VERZOEK_EVENT_TYPES,
  VERZOEK_STATUSSEN,
  type FactValue,
  type TrajectoryEvent,
  type TrajectoryEventType,
  type TrajectoryState,
  type VerzoekEvent,
  type VerzoekEventType,
  type VerzoekState,
} from '@trajectwacht/trajectory';
import {
  array,
  boolean,
  decodeJson,
  fail,
  integer,
  isoDate,
  number,
  literal,
  nonEmpty,
  nullable,
  object,
  optional,
  record,
  string,
  timestamp,
  type Check,
} from './decode';

export const TRAJECTORY_EVENTS_TOPIC = 'trajectory.events.v1';

export const TRAJECTORY_EVENT_TYPES = [
  'TrajectoryAssigned',
  'TrajectoryStarted',
  'TrajectoryEnded',
  'TrajectoryStartDeleted',
  'TrajectoryStopDeleted',
  'TrajectoryChanged',
  'TrajectoryExtended',
  'TrajectoryWithdrawn',
] as const satisfies readonly TrajectoryEventType[];
// Every event type of libs/trajectory is listed above (a new one fails the type check here).
const everyEventType: [TrajectoryEventType] extends [(typeof TRAJECTORY_EVENT_TYPES)[number]] ? true : never = true;
void everyEventType;

/** The times every record carries besides the event itself. */
export interface TrajectoryEventTimes {
  /** Processing time (ISO timestamp). */
  occurredAt: string;
  /** Business time: when the latest message of this trajectory arrived (ISO timestamp); absent on old records. */
  eventTime?: string;
}

/** One record of trajectory.events.v1, discriminated by `type`. */
export type TrajectoryEventRecord = {
  [T in TrajectoryEventType]: Omit<TrajectoryEvent, 'type'> & { type: T } & TrajectoryEventTimes & { trajectory: TrajectoryState };
}[TrajectoryEventType];
/** The record of one event type. */
export type TrajectoryEventRecordOf<T extends TrajectoryEventType> = Extract<TrajectoryEventRecord, { type: T }>;

const factValue: Check<FactValue> = (v, p) => {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  if (Array.isArray(v)) return array(string)(v, p);
  return fail(p, 'a string, number, boolean, null or list of strings', v);
};

const timelineEntry = object({
  berichtId: nonEmpty,
  berichtcode: literal('JW301', 'JW305', 'JW307'),
  datum: isoDate,
  soort: literal('toewijzing', 'wijziging', 'intrekking', 'start', 'stop', 'verwijdering'),
  effect: nullable(literal('correctie', 'wijziging', 'intrekking', 'beeindiging')),
  herhaling: optional(literal(true)),
  verwijderdDoor: optional(string),
  verwijdert: optional(nullable(string)),
  toewijzingIngangsdatum: optional(isoDate),
});

const afwijking = object({
  soort: literal(...AFWIJKING_SOORTEN),
  berichtId: nonEmpty,
  berichtcode: literal('JW305', 'JW307'),
  bericht: string,
  toewijzing: string,
  ontvangen: isoDate,
});

export const checkTrajectoryState: Check<TrajectoryState> = object({
  id: nonEmpty,
  gemeente: nonEmpty,
  toewijzingNummer: nonEmpty,
  aanbieder: string,
  clientPseudonym: nonEmpty,
  geboortedatum: isoDate,
  productcategorie: nullable(string),
  productcode: nullable(string),
  budget: optional(integer),
  generiekeToewijzing: optional(literal(true)),
  toewijzingsdatum: optional(isoDate),
  toewijzingstijd: optional(string),
  intensiteit: nullable(literal(...INTENSITY_LADDER)),
  crisis: boolean,
  verblijf: boolean,
  gedwongenKader: boolean,
  status: literal('toegewezen', 'gestart', 'beeindigd', 'ingetrokken'),
  ingetrokken: boolean,
  toewijzingOntbreekt: boolean,
  ingangsdatum: nullable(isoDate),
  einddatum: nullable(isoDate),
  begindatum: nullable(isoDate),
  stopdatum: nullable(isoDate),
  redenBeeindiging: nullable(string),
  volgensPlan: nullable(boolean),
  redenWijziging: nullable(string),
  aantalWijzigingen: integer,
  aantalVerlengingen: integer,
  wachttijdDagen: nullable(integer),
  timeline: array(timelineEntry),
  berichtIds: array(nonEmpty),
  geboortedatumGebruik: optional(literal('1', '2', '3')),
  afwijkingen: optional(array(afwijking)),
});

export const checkTrajectoryEvent: Check<TrajectoryEventRecord> = object({
  eventId: nonEmpty,
  type: literal(...TRAJECTORY_EVENT_TYPES),
  trajectoryId: nonEmpty,
  clientPseudonym: nonEmpty,
  gemeente: nonEmpty,
  aanbieder: string,
  /** A date, or '' for a state without any (fallbackDate in libs/trajectory). */
  effectiveDate: string,
  facts: record(factValue),
  occurredAt: timestamp,
  eventTime: optional(string),
  trajectory: checkTrajectoryState,
});

/** Reads a record value of trajectory.events.v1; throws a ContractError naming the field. */
export function decodeTrajectoryEvent(value: string | Uint8Array | null | undefined): TrajectoryEventRecord {
  return decodeJson(TRAJECTORY_EVENTS_TOPIC, checkTrajectoryEvent, value);
}

/**
 * The record value without its state: `{…event fields, occurredAt, eventTime,"trajectory":` — followed by the state's
 * JSON text and TRAJECTORY_EVENT_END it is the whole record. The projection stores each state's text once and lets
 * PostgreSQL put head, state and end together for every event of it (apps/trajectory STORE_STATES_SQL), so the state,
 * most of every record, is serialised once and crosses the wire once. The fields are written in a fixed order.
 */
export function trajectoryEventHead(event: TrajectoryEvent, times: Required<TrajectoryEventTimes>): string {
  const head = JSON.stringify({
    eventId: event.eventId,
    type: event.type,
    trajectoryId: event.trajectoryId,
    clientPseudonym: event.clientPseudonym,
    gemeente: event.gemeente,
    aanbieder: event.aanbieder,
    effectiveDate: event.effectiveDate,
    facts: event.facts,
    occurredAt: times.occurredAt,
    eventTime: times.eventTime,
  });
  return `${head.slice(0, -1)},"trajectory":`;
}

/** What follows the state's text in a record (see trajectoryEventHead). */
export const TRAJECTORY_EVENT_END = '}';

/**
 * The whole record value of trajectory.events.v1 for an event, its times and its state — given as the state or as its
 * JSON text already serialised (then spliced in as it is: it must be JSON.stringify of the event's state).
 */
export function encodeTrajectoryEvent(
  event: TrajectoryEvent,
  times: Required<TrajectoryEventTimes>,
  state: TrajectoryState | { json: string },
): string {
  const stateJson = 'json' in state && typeof state.json === 'string' ? state.json : JSON.stringify(state);
  return trajectoryEventHead(event, times) + stateJson + TRAJECTORY_EVENT_END;
}

// ---------------------------------------------------------------------------------------------------------------
// The request side (issue 17): verzoek events on the same topic, keyed by the same client pseudonym.

/**
 * One verzoek event (libs/trajectory diffVerzoek) with its times and the verzoek's full state after it (`verzoek`).
 * Told apart from a trajectory event by its `type` (Verzoek…) and by carrying `verzoekId` + `verzoek` instead of
 * `trajectoryId` + `trajectory`.
 */
export type VerzoekEventRecord = {
  [T in VerzoekEventType]: Omit<VerzoekEvent, 'type'> & { type: T } & TrajectoryEventTimes & { verzoek: VerzoekState };
}[VerzoekEventType];

/** Every record of trajectory.events.v1. */
export type TrajectoryTopicRecord = TrajectoryEventRecord | VerzoekEventRecord;

export const isVerzoekEventRecord = (r: TrajectoryTopicRecord): r is VerzoekEventRecord =>
  (VERZOEK_EVENT_TYPES as readonly string[]).includes(r.type);

const omvang = optional(object({ volume: number, eenheid: string, frequentie: string }));

export const checkVerzoekState: Check<VerzoekState> = object({
  id: nonEmpty,
  soort: literal('JW315', 'JW317'),
  gemeente: nonEmpty,
  aanbieder: nonEmpty,
  referentieAanbieder: nonEmpty,
  clientPseudonym: nonEmpty,
  geboortedatum: nullable(isoDate),
  geboortedatumGebruik: optional(literal('1', '2', '3')),
  berichtId: nonEmpty,
  identificatie: nonEmpty,
  dagtekening: isoDate,
  ontvangen: isoDate,
  ontvangenOp: timestamp,
  productcategorie: nullable(string),
  productcode: nullable(string),
  producten: array(
    object({
      soort: literal('aangevraagd', 'te_wijzigen', 'nieuw'),
      toewijzingNummer: nullable(string),
      productcategorie: nullable(string),
      productcode: nullable(string),
      ingangsdatum: isoDate,
      einddatum: nullable(isoDate),
      omvang,
      budget: optional(integer),
    }),
  ),
  verwijzer: nullable(object({ type: nonEmpty, zorgverlenerCode: nullable(string) })),
  redenVerzoek: nullable(string),
  ongewijzigd: array(string),
  status: literal(...VERZOEK_STATUSSEN),
  inOnderzoekOp: nullable(isoDate),
  afgewezenOp: nullable(isoDate),
  redenAfwijzing: nullable(string),
  woonplaatsbeginselGemeente: nullable(string),
  toegewezenOp: nullable(isoDate),
  toewijzingsdatum: nullable(isoDate),
  beantwoordOp: nullable(isoDate),
  afgehandeldOp: nullable(isoDate),
  toewijzingNummers: array(string),
  trajectoryIds: array(string),
  antwoorden: array(
    object({
      berichtId: nonEmpty,
      berichtcode: literal('JW319', 'JW301'),
      ontvangen: isoDate,
      dagtekening: nullable(isoDate),
      verzoekAntwoord: optional(string),
      redenAfwijzingVerzoek: optional(string),
      toewijzingNummer: optional(string),
      toewijzingsdatum: optional(isoDate),
    }),
  ),
  berichtIds: array(nonEmpty),
});

export const checkVerzoekEvent: Check<VerzoekEventRecord> = object({
  eventId: nonEmpty,
  type: literal(...(VERZOEK_EVENT_TYPES as readonly VerzoekEventType[])),
  verzoekId: nonEmpty,
  clientPseudonym: nonEmpty,
  gemeente: nonEmpty,
  aanbieder: string,
  effectiveDate: isoDate,
  facts: record(factValue),
  occurredAt: timestamp,
  eventTime: optional(string),
  verzoek: checkVerzoekState,
}) as Check<VerzoekEventRecord>;

const checkTopicRecord: Check<TrajectoryTopicRecord> = (v, p) => {
  const type = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { type?: unknown }).type : undefined;
  return typeof type === 'string' && (VERZOEK_EVENT_TYPES as readonly string[]).includes(type)
    ? checkVerzoekEvent(v, p)
    : checkTrajectoryEvent(v, p);
};

/** Reads any record value of trajectory.events.v1 (a trajectory event or a verzoek event); throws a ContractError. */
export function decodeTrajectoryTopicRecord(value: string | Uint8Array | null | undefined): TrajectoryTopicRecord {
  return decodeJson(TRAJECTORY_EVENTS_TOPIC, checkTopicRecord, value);
}

/** The record value of a verzoek event. */
export function encodeVerzoekEvent(event: VerzoekEvent, times: Required<TrajectoryEventTimes>, state: VerzoekState): string {
  return JSON.stringify({ ...event, occurredAt: times.occurredAt, eventTime: times.eventTime, verzoek: state });
}
