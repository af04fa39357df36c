/**
 * Domain events from the difference between two trajectory states (before → after processing a message).
 *
 * Rules (part of the contract):
 * - TrajectoryAssigned: the first time a JW301 is known (before null or before.toewijzingOntbreekt).
 * - TrajectoryStarted: begindatum becomes known, or the trajectory re-opens after a stop (a JW305 after the last JW307).
 * - TrajectoryEnded: stopdatum becomes known (a JW307).
 * - TrajectoryStartDeleted / TrajectoryStopDeleted: a JW305 / JW307 with StatusAanlevering 3 deleted an earlier start /
 *   stop (IV008): one event per start/stop that is deleted in `after` and was not in `before`. facts: the deleted
 *   berichtId and its date, the deletion's berichtId, status/begindatum/stopdatum before and after. A stop whose
 *   deletion brings the trajectory back to 'gestart' is NOT a TrajectoryStarted (hervat): nothing started.
 * - TrajectoryWithdrawn: `ingetrokken` becomes true (also when care had already stopped and status stays 'beeindigd').
 * - TrajectoryExtended: aantalVerlengingen increased.
 * - TrajectoryChanged: aantalWijzigingen increased, or a tracked field changed that no event above explains
 *   (e.g. a correction, an earlier JW305 moving begindatum, a JW307 with a later einddatum). `facts.changedFields`
 *   lists the fields; a wijziging that extends the einddatum gives BOTH TrajectoryChanged (einddatum in the list) and
 *   TrajectoryExtended. Fields are only compared while the toewijzing was already known before.
 * - TrajectoryChanged also when the state changed in any other way that no rule above explains — e.g. a JW305 arriving
 *   after a JW307 that already gave the begindatum, or a JW301 before which the trajectory had none — so that every
 *   change of state reaches the consumers, who keep the full state from the events: `facts.changedFields` then lists
 *   the state's changed top-level fields (e.g. `timeline`, `berichtIds`) and `facts.nieuweBerichten` the new
 *   berichtIds.
 * - No events when nothing changed (identical states).
 * - eventId = `${trajectoryId}:${type}:${discriminator}`, built only from the states, so a redelivery that produces
 * the same before/after produces the same eventIds. Discriminators: StartDeleted/StopDeleted the deleted berichtId, Assigned 'toewijzing',
 * Started the begindatum
 *   (`hervat-<previous stopdatum>` on re-opening), Ended the stopdatum, Withdrawn 'ingetrokken', Extended
 *   `<aantalVerlengingen>-<einddatum|open>`, Changed `<aantalWijzigingen>-<field=value;…>`, or for any other change
 *   `berichten-<new berichtIds, comma-separated>`.
 */
import { daysBetween, sameJson, type IsoDate } from '@trajectwacht/ijw';
import type { TrajectoryState } from './trajectory';

export type TrajectoryEventType =
  | 'TrajectoryAssigned'
  | 'TrajectoryStarted'
  | 'TrajectoryEnded'
  | 'TrajectoryStartDeleted'
  | 'TrajectoryStopDeleted'
  | 'TrajectoryChanged'
  | 'TrajectoryExtended'
  | 'TrajectoryWithdrawn';

export type FactValue = string | number | boolean | null | string[];

export interface TrajectoryEvent {
  eventId: string;
  type: TrajectoryEventType;
  trajectoryId: string;
  clientPseudonym: string;
  gemeente: string;
  aanbieder: string;
  /** Business date of what happened. */
  effectiveDate: IsoDate;
  facts: Record<string, FactValue>;
}

/** Fields compared for TrajectoryChanged, in this order. */
export const TRACKED_FIELDS = [
  'aanbieder',
  'clientPseudonym',
  'geboortedatum',
  'geboortedatumGebruik',
  'productcategorie',
  'productcode',
  'budget',
  'intensiteit',
  'crisis',
  'verblijf',
  'gedwongenKader',
  'ingangsdatum',
  'einddatum',
  'begindatum',
  'stopdatum',
  'redenBeeindiging',
] as const satisfies readonly (keyof TrajectoryState)[];

export type TrackedField = (typeof TRACKED_FIELDS)[number];

function newEntryDate(before: TrajectoryState | null, after: TrajectoryState, filter: (soort: string) => boolean): IsoDate | null {
  const known = new Set(before?.berichtIds ?? []);
  const dates = after.timeline.filter((e) => !known.has(e.berichtId) && filter(e.soort)).map((e) => e.datum);
  if (!dates.length) return null;
  return dates.sort()[dates.length - 1];
}

function fallbackDate(s: TrajectoryState): IsoDate {
  return s.ingangsdatum ?? s.begindatum ?? s.stopdatum ?? s.timeline[0]?.datum ?? '';
}

/** True when the stop disappeared because it was deleted (StatusAanlevering 3) and no new start re-opened the trajectory. */
function stopGoneByDeletion(before: TrajectoryState, after: TrajectoryState): boolean {
  const known = new Set(before.berichtIds);
  const wasDeleted = new Set(before.timeline.filter((e) => e.verwijderdDoor !== undefined).map((e) => e.berichtId));
  const newStart = after.timeline.some((e) => e.soort === 'start' && e.verwijderdDoor === undefined && !known.has(e.berichtId));
  const stopDeleted = after.timeline.some((e) => e.soort === 'stop' && e.verwijderdDoor !== undefined && !wasDeleted.has(e.berichtId));
  return stopDeleted && !newStart;
}

/** Events that explain the step from `before` to `after` (empty when nothing changed). Order: as listed above. */
export function diffTrajectory(before: TrajectoryState | null, after: TrajectoryState): TrajectoryEvent[] {
  const events: TrajectoryEvent[] = [];
  const emit = (type: TrajectoryEventType, discriminator: string, effectiveDate: IsoDate, facts: Record<string, FactValue>): void => {
    events.push({
      eventId: `${after.id}:${type}:${discriminator}`,
      type,
      trajectoryId: after.id,
      clientPseudonym: after.clientPseudonym,
      gemeente: after.gemeente,
      aanbieder: after.aanbieder,
      effectiveDate,
      facts,
    });
  };

  const hadToewijzing = before !== null && !before.toewijzingOntbreekt;
  if (!after.toewijzingOntbreekt && !hadToewijzing) {
    emit('TrajectoryAssigned', 'toewijzing', after.ingangsdatum ?? fallbackDate(after), {
      productcategorie: after.productcategorie,
      productcode: after.productcode,
      intensiteit: after.intensiteit,
      crisis: after.crisis,
      verblijf: after.verblijf,
      gedwongenKader: after.gedwongenKader,
      ingangsdatum: after.ingangsdatum,
      einddatum: after.einddatum,
      status: after.status,
    });
  }

  const startedBefore = before?.begindatum ?? null;
  if (after.begindatum !== null && startedBefore === null) {
    emit('TrajectoryStarted', after.begindatum, after.begindatum, {
      begindatum: after.begindatum,
      ingangsdatum: after.ingangsdatum,
      wachttijdDagen: after.wachttijdDagen,
      intensiteit: after.intensiteit,
      crisis: after.crisis,
      hervat: false,
    });
  } else if (
    before !== null &&
    before.stopdatum !== null &&
    after.stopdatum === null &&
    after.status === 'gestart' &&
    !stopGoneByDeletion(before, after)
  ) {
    const lastStart = newEntryDate(before, after, (s) => s === 'start') ?? after.begindatum ?? fallbackDate(after);
    emit('TrajectoryStarted', `hervat-${before.stopdatum}`, lastStart, {
      begindatum: after.begindatum,
      vorigeStopdatum: before.stopdatum,
      intensiteit: after.intensiteit,
      crisis: after.crisis,
      hervat: true,
    });
  }

  if (after.stopdatum !== null && (before?.stopdatum ?? null) === null) {
    emit('TrajectoryEnded', after.stopdatum, after.stopdatum, {
      begindatum: after.begindatum,
      stopdatum: after.stopdatum,
      redenBeeindiging: after.redenBeeindiging,
      volgensPlan: after.volgensPlan,
      duurDagen: after.begindatum !== null ? daysBetween(after.begindatum, after.stopdatum) : null,
      intensiteit: after.intensiteit,
      verblijf: after.verblijf,
    });
  }

  const alreadyDeleted = new Set((before?.timeline ?? []).filter((e) => e.verwijderdDoor !== undefined).map((e) => e.berichtId));
  for (const e of after.timeline) {
    if (e.verwijderdDoor === undefined || alreadyDeleted.has(e.berichtId)) continue;
    const deletion = after.timeline.find((d) => d.berichtId === e.verwijderdDoor);
    emit(e.soort === 'start' ? 'TrajectoryStartDeleted' : 'TrajectoryStopDeleted', e.berichtId, deletion?.datum ?? e.datum, {
      verwijderdBerichtId: e.berichtId,
      verwijderdeDatum: e.datum,
      verwijderingBerichtId: e.verwijderdDoor,
      statusVoor: before?.status ?? null,
      status: after.status,
      begindatumVoor: before?.begindatum ?? null,
      begindatum: after.begindatum,
      stopdatumVoor: before?.stopdatum ?? null,
      stopdatum: after.stopdatum,
    });
  }

  if (after.ingetrokken && !(before?.ingetrokken ?? false)) {
    emit('TrajectoryWithdrawn', 'ingetrokken', newEntryDate(before, after, (s) => s === 'intrekking') ?? fallbackDate(after), {
      redenWijziging: after.redenWijziging,
      status: after.status,
      ingangsdatum: after.ingangsdatum,
    });
  }

  if (hadToewijzing && after.aantalVerlengingen > before.aantalVerlengingen) {
    emit(
      'TrajectoryExtended',
      `${after.aantalVerlengingen}-${after.einddatum ?? 'open'}`,
      newEntryDate(before, after, (s) => s === 'wijziging') ?? fallbackDate(after),
      {
        vorigeEinddatum: before.einddatum,
        einddatum: after.einddatum,
        aantalVerlengingen: after.aantalVerlengingen,
        redenWijziging: after.redenWijziging,
      },
    );
  }

  if (hadToewijzing) {
    const changed: TrackedField[] = TRACKED_FIELDS.filter((f) => {
      if (before[f] === after[f]) return false;
      // Becoming known is covered by TrajectoryStarted / TrajectoryEnded; disappearing by a re-opening.
      if ((f === 'begindatum' || f === 'stopdatum' || f === 'redenBeeindiging') && (before[f] === null || after[f] === null)) return false;
      return true;
    });
    const wijzigingen = after.aantalWijzigingen > before.aantalWijzigingen;
    if (changed.length > 0 || wijzigingen) {
      const facts: Record<string, FactValue> = {
        changedFields: [...changed],
        redenWijziging: after.redenWijziging,
        aantalWijzigingen: after.aantalWijzigingen,
      };
      for (const f of changed) {
        facts[`${f}Voor`] = before[f] ?? null;
        facts[f] = after[f] ?? null;
      }
      const discriminator = `${after.aantalWijzigingen}-${changed.map((f) => `${f}=${String(after[f])}`).join(';')}`;
      const date = newEntryDate(before, after, () => true) ?? fallbackDate(after);
      emit('TrajectoryChanged', discriminator, date, facts);
    }
  }

  if (events.length === 0 && !sameJson(before, after)) {
    // Changed in a way none of the rules above describes (the message set, the timeline, an untracked field): still an
    // event, or consumers that keep the state from events would keep the old one.
    const known = new Set(before?.berichtIds ?? []);
    const nieuweBerichten = after.berichtIds.filter((id) => !known.has(id));
    const changedFields = (Object.keys(after) as (keyof TrajectoryState)[]).filter((f) => !sameJson(before?.[f], after[f]));
    emit('TrajectoryChanged', `berichten-${nieuweBerichten.join(',')}`, newEntryDate(before, after, () => true) ?? fallbackDate(after), {
      changedFields,
      nieuweBerichten,
      redenWijziging: after.redenWijziging,
      aantalWijzigingen: after.aantalWijzigingen,
    });
  }

  return events;
}
