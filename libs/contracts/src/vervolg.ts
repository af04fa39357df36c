/**
 * vervolg.v1 — a follow-up for the 18-/18+ transition recorded by a toegang worker (issue 15; libs/signals/src/README.md,
 * "The recorded follow-up"). The topic is the source of truth: the trajectory service writes the record through its
 * outbox together with its `client_vervolg` row (the child's timeline), `npm run rebuild` replays it into fresh
 * tables, and the signal service reads it into `signal_vervolg` so that OVERGANG_18 is answered. Key: the client
 * pseudonym (one child's records in order, like trajectory.events.v1). No BSN. Discriminant: `type`.
 */
import type { IsoDate } from '@trajectwacht/ijw';
import { VERVOLG_SOORTEN, type VervolgSoort } from '@trajectwacht/signals';
import { decodeJson, isoDate, literal, nonEmpty, object, optional, string, timestamp, type Check } from './decode';

export const VERVOLG_TOPIC = 'vervolg.v1';

/** Who recorded it (the audit): the principal's subject, role and gemeente. */
export interface VervolgActor {
  sub: string;
  role: 'toegang';
  gemeente: string;
}

export interface VervolgVastgelegd {
  type: 'VervolgVastgelegd';
  /** Unique id of the registration (UUID). */
  id: string;
  clientPseudonym: string;
  /** The gemeente of the toegang worker who recorded it (a gemeente in which the child has a trajectory). */
  gemeente: string;
  soort: VervolgSoort;
  /** Business date (Europe/Amsterdam) of the recording: it counts from that day on. */
  vastgelegdOp: IsoDate;
  /** When it was recorded (ISO timestamp). */
  vastgelegdOpTijd: string;
  vastgelegdDoor: VervolgActor;
  /** verlengde_jeugdhulp: decided until (inclusive). */
  totDatum?: IsoDate;
  /** wmo/wlz/zvw: hand-over arranged per this date. */
  perDatum?: IsoDate;
  /** wmo/wlz/zvw: to whom (organisation, loket, zorgkantoor, zorgverzekeraar). */
  overdrachtAan?: string;
  /** geen_vervolg_nodig: why; otherwise an optional note. */
  reden?: string;
  /** The OVERGANG_18 alert this registration answers, when recorded from it. */
  alertId?: string;
}

export type VervolgEvent = VervolgVastgelegd;

export const checkVervolgEvent: Check<VervolgEvent> = object({
  type: literal('VervolgVastgelegd'),
  id: nonEmpty,
  clientPseudonym: nonEmpty,
  gemeente: nonEmpty,
  soort: literal(...VERVOLG_SOORTEN),
  vastgelegdOp: isoDate,
  vastgelegdOpTijd: timestamp,
  vastgelegdDoor: object({ sub: nonEmpty, role: literal('toegang'), gemeente: nonEmpty }),
  totDatum: optional(isoDate),
  perDatum: optional(isoDate),
  overdrachtAan: optional(string),
  reden: optional(string),
  alertId: optional(nonEmpty),
});

/** Reads a record value of vervolg.v1; throws a ContractError naming the field. */
export function decodeVervolgEvent(value: string | Uint8Array | null | undefined): VervolgEvent {
  return decodeJson(VERVOLG_TOPIC, checkVervolgEvent, value);
}

/** The record value of vervolg.v1. */
export function encodeVervolgEvent(event: VervolgEvent): string {
  return JSON.stringify(event);
}
