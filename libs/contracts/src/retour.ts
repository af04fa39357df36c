/**
 * ijw.retour.v1 — the decision on every heenbericht for its sender: the retour bericht (JW302/JW306/JW308, as XML)
 * with the findings explained, or a foutmelding when the payload was no readable bericht at all. Key: the sender
 * (`afzender`). Producer: ingest (outbox). Discriminant: `type`.
 */
import type { Foutmelding, RetourToelichting } from '@trajectwacht/ijw';
import { array, decodeJson, literal, nonEmpty, nullable, object, optional, string, timestamp, union, type Check } from './decode';

export const RETOUR_TOPIC = 'ijw.retour.v1';

interface RetourBase {
  /** The authenticated sender, e.g. `gemeente:0034` or `aanbieder:12345678`. */
  afzender: string;
  /** JW301/JW305/JW307; null when the payload could not be read as a bericht. */
  berichtcode: string | null;
  /** Header/BerichtIdentificatie/Identificatie of the heenbericht; null when unreadable. */
  identificatie: string | null;
  /** What GET /api/v1/berichten/:referentie answers to. */
  referentie: string;
  status: 'geaccepteerd' | 'afgewezen';
  /** JW302, JW306 or JW308; null without a retour bericht. */
  retourSoort: string | null;
  retourIdentificatie: string | null;
  /** The retour bericht (iJw 3.2 XML); null without one. */
  retourXml: string | null;
  toelichtingen: RetourToelichting[];
  /** ISO timestamp of receipt. */
  ontvangenOp: string;
  bron: string;
}

/** The decision on a readable bericht. */
export interface RetourMelding extends RetourBase {
  type: 'retour';
}

/** A payload that was no readable bericht (empty, too large, unreadable, not following its XSD, sender not allowed). */
export interface FoutmeldingMelding extends RetourBase {
  type: 'foutmelding';
  foutmelding: Pick<Foutmelding, 'code' | 'toelichting' | 'message'>;
}

export type RetourRecord = RetourMelding | FoutmeldingMelding;

const base = {
  afzender: nonEmpty,
  berichtcode: nullable(string),
  identificatie: nullable(string),
  referentie: string,
  status: literal('geaccepteerd', 'afgewezen'),
  retourSoort: nullable(string),
  retourIdentificatie: nullable(string),
  retourXml: nullable(string),
  toelichtingen: array(object({ retourcode: nonEmpty, omschrijving: string, regel: string, pad: optional(string), toelichting: string })),
  ontvangenOp: timestamp,
  bron: string,
};

const melding: Check<RetourMelding> = object({ ...base, type: literal('retour') });
const foutmelding: Check<FoutmeldingMelding> = object({
  ...base,
  type: literal('foutmelding'),
  foutmelding: object({
    code: literal('LEEG', 'TE_GROOT', 'ONLEESBAAR', 'STRUCTUUR', 'NIET_BEVOEGD'),
    toelichting: string,
    message: string,
  }),
});

export const checkRetour: Check<RetourRecord> = union('type', { retour: melding, foutmelding });

/** Reads a record value of ijw.retour.v1; throws a ContractError naming the field. */
export function decodeRetour(value: string | Uint8Array | null | undefined): RetourRecord {
  return decodeJson(RETOUR_TOPIC, checkRetour, value);
}

/** The record value of ijw.retour.v1. */
export function encodeRetour(record: RetourRecord): string {
  return JSON.stringify(record);
}
