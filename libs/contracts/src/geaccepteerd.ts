/**
 * ijw.geaccepteerd.v1 — one record per accepted product of an iJw heenbericht (JW301 toegewezen product, JW305 start,
 * JW307 stop), pseudonymised (never a BSN), with how it was received. Key: the client's pseudonym. Producer: ingest
 * (outbox); consumer: trajectory (and its rebuild). Discriminant: `berichtcode`.
 */
import type { Jw301Toewijzing, Jw305StartZorg, Jw307StopZorg } from '@trajectwacht/ijw';
import type { AcceptedMessage } from '@trajectwacht/trajectory';
import { decodeJson, integer, isoDate, literal, nonEmpty, number, object, optional, string, timestamp, union, type Check } from './decode';

export const GEACCEPTEERD_TOPIC = 'ijw.geaccepteerd.v1';

/** A record of ijw.geaccepteerd.v1: the flat per-product message of libs/ijw with its receipt (`ontvangst`). */
export type GeaccepteerdRecord = AcceptedMessage;
export type GeaccepteerdToewijzing = AcceptedMessage<Jw301Toewijzing>;
export type GeaccepteerdStart = AcceptedMessage<Jw305StartZorg>;
export type GeaccepteerdStop = AcceptedMessage<Jw307StopZorg>;

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

export const checkGeaccepteerd: Check<GeaccepteerdRecord> = union('berichtcode', { JW301: toewijzing, JW305: start, JW307: stop });

/** Reads a record value of ijw.geaccepteerd.v1 (JSON text or bytes); throws a ContractError naming the field. */
export function decodeGeaccepteerd(value: string | Uint8Array | null | undefined): GeaccepteerdRecord {
  return decodeJson(GEACCEPTEERD_TOPIC, checkGeaccepteerd, value);
}

/** Checks an already parsed value (e.g. a stored message). */
export const isGeaccepteerd = (value: unknown): value is GeaccepteerdRecord => {
  try {
    checkGeaccepteerd(value, '');
    return true;
  } catch {
    return false;
  }
};

/** The record value of ijw.geaccepteerd.v1. */
export function encodeGeaccepteerd(message: GeaccepteerdRecord): string {
  return JSON.stringify(message);
}

/** The record key: the client's pseudonym (all messages of one child on one partition). */
export const geaccepteerdKey = (message: GeaccepteerdRecord): string => message.client.pseudonym;
