/**
 * How far durable timers may fire: the timer horizon. A timer is business time (its due date), like every evaluation of
 * the rules, so it may only fire once every event with a business time before it has been applied. Fired earlier, it
 * evaluates a child whose later messages are still on their way through the pipeline, and raises (and notifies) an
 * alert that those messages would have prevented, for example WACHTTIJD_GEEN_START for a toewijzing whose JW305 waits
 * in Kafka behind an outage, or every timer of a year replayed from history.
 *
 * - The pipeline caught up (no consumer group of the chain ingest → trajectory → signals has records left to read):
 *   the wall clock. Nothing is on its way, so a quiet night still fires its timers.
 * - Otherwise the stream's own clock: the earliest, over the partitions of the signal engine's input, of the latest
 *   business time applied there (never later than the wall clock). Each partition carries its children's events in
 *   order, so up to that time every child's events have been applied. While nothing has been applied yet, nothing
 *   fires (null).
 * - Whether the pipeline is caught up may be unknown (the broker unreachable): then it counts as not caught up, the
 *   safe side (a timer fires late, never early).
 */

/** The latest business time (ISO timestamp) applied on one partition of the signal engine's input. */
export interface PartitionClock {
  partition: number;
  eventTime: string;
}

export function timerHorizon(wallClock: Date, pipelineCaughtUp: boolean | null, partitions: readonly PartitionClock[]): Date | null {
  if (pipelineCaughtUp === true) return wallClock;
  let earliest: number | null = null;
  for (const p of partitions) {
    const at = Date.parse(p.eventTime);
    if (Number.isNaN(at)) throw new RangeError(`timerHorizon: partition ${p.partition} has no valid event time: ${p.eventTime}`);
    if (earliest === null || at < earliest) earliest = at;
  }
  if (earliest === null) return null;
  return new Date(Math.min(earliest, wallClock.getTime()));
}

/** Per partition the latest event time of a batch (what the signal consumer records after applying it). */
export function latestPerPartition(records: readonly { partition: number; eventTime: string }[]): PartitionClock[] {
  const latest = new Map<number, string>();
  for (const r of records) {
    const held = latest.get(r.partition);
    if (held === undefined || Date.parse(r.eventTime) > Date.parse(held)) latest.set(r.partition, r.eventTime);
  }
  return [...latest].sort(([a], [b]) => a - b).map(([partition, eventTime]) => ({ partition, eventTime }));
}
