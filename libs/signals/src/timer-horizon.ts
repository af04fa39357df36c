/**
 * How far durable timers may fire: the timer horizon. A timer is business time (its due date), like every evaluation of
 * the rules, so it may only fire once every event with a business time before it has been applied. Fired earlier, it
 * evaluates a child whose later messages are still on their way through the pipeline, and raises (and notifies) an
 * alert that those messages would have prevented, for example WACHTTIJD_GEEN_START for a toewijzing whose JW305 waits
 * in Kafka behind an outage, or every timer of a year replayed from history.
 *
 * - The pipeline caught up (no consumer group of the chain ingest → trajectory → signals has records left to read):
 *   the wall clock. Nothing is on its way, so a quiet night still fires its timers.
 * - The pipeline lags but the signal engine's input is recent (its clock at most `toleranceMs` behind the wall clock:
 *   a live platform under steady load, where some stage always has a record in hand): the stream's own clock, the
 *   earliest, over the partitions of the signal engine's input, of the latest business time applied there.
 * - The pipeline lags further behind (an outage being caught up, history being loaded): nothing fires (null). The
 *   partitions of the input are not in business-time order with each other's upstream (a sender's berichten on one
 *   ingest partition may be days ahead of another's), so no clock read here is safe then. Nothing is lost: an event of
 *   a child fires the child's due timers first (the engine), and what is left fires once the chain has caught up, each
 *   timer evaluated at its own due date with every event before it applied.
 * - Whether the pipeline is caught up may be unknown (the broker unreachable): then it counts as lagging, the safe side
 *   (a timer fires late, never early).
 */

/** The latest business time (ISO timestamp) applied on one partition of the signal engine's input. */
export interface PartitionClock {
  partition: number;
  eventTime: string;
}

export function timerHorizon(
  wallClock: Date,
  pipelineCaughtUp: boolean | null,
  partitions: readonly PartitionClock[],
  toleranceMs: number,
): Date | null {
  if (!(Number.isFinite(toleranceMs) && toleranceMs >= 0)) throw new RangeError(`timerHorizon: toleranceMs must be ≥ 0: ${toleranceMs}`);
  if (pipelineCaughtUp === true) return wallClock;
  let earliest: number | null = null;
  for (const p of partitions) {
    const at = Date.parse(p.eventTime);
    if (Number.isNaN(at)) throw new RangeError(`timerHorizon: partition ${p.partition} has no valid event time: ${p.eventTime}`);
    if (earliest === null || at < earliest) earliest = at;
  }
  if (earliest === null || earliest < wallClock.getTime() - toleranceMs) return null;
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
