/**
 * What the monitor's live stream (GET /api/v1/stream, Server-Sent Events) sends the dashboard, derived from the
 * topics: `alert` events are the records of alerts.v1 as they are; `pathway` events reduce a record of
 * trajectory.events.v1 to aggregate fields (no pseudonym, no state).
 */
import type { IntensityLevel } from '@trajectwacht/ijw';
import type { AlertEvent } from './alerts';
import type { TrajectoryEventRecord } from './trajectory-events';

export type LiveAlertEvent = AlertEvent;

export interface LivePathwayEvent {
  type: TrajectoryEventRecord['type'];
  gemeente: string;
  aanbieder: string;
  intensiteit: IntensityLevel | null;
  crisis: boolean;
  verblijf: boolean;
  effectiveDate: string;
  /** occurredAt of the record. */
  at: string;
}

export function livePathwayEvent(record: TrajectoryEventRecord): LivePathwayEvent {
  const t = record.trajectory;
  return {
    type: record.type,
    gemeente: record.gemeente,
    aanbieder: record.aanbieder,
    intensiteit: t.intensiteit ?? null,
    crisis: Boolean(t.crisis),
    verblijf: Boolean(t.verblijf),
    effectiveDate: record.effectiveDate,
    at: record.occurredAt,
  };
}
