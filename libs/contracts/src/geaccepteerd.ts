/**
 * ijw.geaccepteerd.v1 — one record per accepted product of an iJw heenbericht (JW301 toegewezen product, JW305 start,
 * JW307 stop) and, for the request side (issue 17), per accepted JW315 AangevraagdProduct, JW317 Verzoek and JW319
 * Antwoord; pseudonymised (never a BSN), with how it was received. Key: the client's pseudonym (a JW319 carries the
 * pseudonym of the verzoek it answers, added by ingest). Producer: ingest (outbox); consumer: trajectory (and its
 * rebuild). Discriminant: `berichtcode`.
 */
import type { Jw301Toewijzing, Jw305StartZorg, Jw307StopZorg, Jw315AangevraagdProduct, Jw317VerzoekOmWijziging } from '@trajectwacht/ijw';
import type { AcceptedAntwoord, AcceptedMessage, AcceptedVerzoek, AcceptedVerzoekMessage } from '@trajectwacht/trajectory';
import {
  array,
  decodeJson,
  integer,
  isoDate,
  literal,
  nonEmpty,
  number,
  object,
  optional,
  string,
  timestamp,
  union,
  type Check,
} from './decode';

export const GEACCEPTEERD_TOPIC = 'ijw.geaccepteerd.v1';

/** A record of the toewijzing cycle: the flat per-product message of libs/ijw with its receipt (`ontvangst`). */
export type GeaccepteerdRecord = AcceptedMessage;
export type GeaccepteerdToewijzing = AcceptedMessage<Jw301Toewijzing>;
export type GeaccepteerdStart = AcceptedMessage<Jw305StartZorg>;
export type GeaccepteerdStop = AcceptedMessage<Jw307StopZorg>;
/** A record of the request side: a JW315 AangevraagdProduct, a JW317 Verzoek or a JW319 Antwoord. */
export type GeaccepteerdVerzoek = AcceptedVerzoekMessage;
export type GeaccepteerdVerzoekOmToewijzing = AcceptedVerzoek<Jw315AangevraagdProduct>;
export type GeaccepteerdVerzoekOmWijziging = AcceptedVerzoek<Jw317VerzoekOmWijziging>;
export type GeaccepteerdAntwoord = AcceptedAntwoord;
/** Every record of ijw.geaccepteerd.v1. */
export type GeaccepteerdBericht = GeaccepteerdRecord | GeaccepteerdVerzoek;

/** Whether a record is of the request side (JW315, JW317, JW319). */
export const isGeaccepteerdVerzoek = (m: GeaccepteerdBericht): m is GeaccepteerdVerzoek =>
  m.berichtcode === 'JW315' || m.berichtcode === 'JW317' || m.berichtcode === 'JW319';

const base = {
  berichtId: nonEmpty,
  gemeente: nonEmpty,
  aanbieder: string,
  client: object({ pseudonym: nonEmpty, geboortedatum: isoDate, datumGebruik: optional(literal('1', '2', '3')) }),
  toewijzingNummer: nonEmpty,
  product: optional(object({ categorie: string, code: optional(string) })),
  dagtekening: optional(isoDate),
  identificatie: optional(string),
  ontvangst: object({ afzender: nonEmpty, ontvangenOp: timestamp, bron: string }),
};

const statusAanlevering = optional(literal('1', '3'));

const toewijzing: Check<GeaccepteerdToewijzing> = object({
  ...base,
  berichtcode: literal('JW301'),
  ingangsdatum: isoDate,
  einddatum: optional(isoDate),
  redenWijziging: optional(string),
  omvang: optional(object({ volume: number, eenheid: string, frequentie: string })),
  verwijzer: optional(object({ type: string, zorgverlenerCode: optional(string), naam: optional(string) })),
  referentieAanbieder: optional(string),
  commentaar: optional(string),
  toewijzingsdatum: optional(isoDate),
  toewijzingstijd: optional(string),
  budget: optional(integer),
});

const start: Check<GeaccepteerdStart> = object({
  ...base,
  berichtcode: literal('JW305'),
  begindatum: isoDate,
  toewijzingIngangsdatum: optional(isoDate),
  statusAanlevering,
});

const stop: Check<GeaccepteerdStop> = object({
  ...base,
  berichtcode: literal('JW307'),
  begindatum: isoDate,
  einddatum: isoDate,
  redenBeeindiging: string,
  toewijzingIngangsdatum: optional(isoDate),
  statusAanlevering,
});

const verzoekBase = {
  berichtId: nonEmpty,
  identificatie: nonEmpty,
  gemeente: nonEmpty,
  aanbieder: nonEmpty,
  dagtekening: isoDate,
  referentieAanbieder: nonEmpty,
  ontvangst: object({ afzender: nonEmpty, ontvangenOp: timestamp, bron: string }),
};
const omvang = optional(object({ volume: number, eenheid: string, frequentie: string }));
const product = optional(object({ categorie: string, code: optional(string) }));

const verzoekOmToewijzing: Check<GeaccepteerdVerzoekOmToewijzing> = object({
  ...verzoekBase,
  berichtcode: literal('JW315'),
  client: object({ pseudonym: nonEmpty, geboortedatum: isoDate, datumGebruik: optional(literal('1', '2', '3')) }),
  beschikkingNummer: optional(string),
  product,
  beschikkingIngangsdatum: optional(isoDate),
  toewijzingIngangsdatum: isoDate,
  toewijzingEinddatum: optional(isoDate),
  omvang,
  budget: optional(integer),
  verwijzer: object({ type: nonEmpty, zorgverlenerCode: optional(string), naam: optional(string) }),
  raamcontract: optional(string),
  commentaar: optional(string),
});

const gewenst = { gewensteIngangsdatum: isoDate, einddatum: optional(isoDate), omvang, budget: optional(integer) };
const verzoekOmWijziging: Check<GeaccepteerdVerzoekOmWijziging> = object({
  ...verzoekBase,
  berichtcode: literal('JW317'),
  client: object({ pseudonym: nonEmpty }),
  redenVerzoek: nonEmpty,
  ongewijzigd: array(nonEmpty),
  teWijzigen: array(object({ toewijzingNummer: nonEmpty, ...gewenst })),
  nieuw: array(object({ product, ...gewenst })),
});

const antwoord: Check<GeaccepteerdAntwoord> = object({
  ...verzoekBase,
  berichtcode: literal('JW319'),
  client: object({ pseudonym: nonEmpty }),
  verzoekAntwoord: literal('1', '2'),
  redenAfwijzingVerzoek: optional(string),
  woonplaatsbeginselGemeente: optional(string),
});

export const checkGeaccepteerd: Check<GeaccepteerdBericht> = union('berichtcode', {
  JW301: toewijzing,
  JW305: start,
  JW307: stop,
  JW315: verzoekOmToewijzing,
  JW317: verzoekOmWijziging,
  JW319: antwoord,
});

/** Reads a record value of ijw.geaccepteerd.v1 (JSON text or bytes); throws a ContractError naming the field. */
export function decodeGeaccepteerd(value: string | Uint8Array | null | undefined): GeaccepteerdBericht {
  return decodeJson(GEACCEPTEERD_TOPIC, checkGeaccepteerd, value);
}

/** Checks an already parsed value (e.g. a stored message). */
export const isGeaccepteerd = (value: unknown): value is GeaccepteerdBericht => {
  try {
    checkGeaccepteerd(value, '');
    return true;
  } catch {
    return false;
  }
};

/** The record value of ijw.geaccepteerd.v1. */
export function encodeGeaccepteerd(message: GeaccepteerdBericht): string {
  return JSON.stringify(message);
}

/** The record key: the client's pseudonym (all messages of one child on one partition). */
export const geaccepteerdKey = (message: GeaccepteerdBericht): string => message.client.pseudonym;
