/**
 * End to end in the pure libraries: messages → trajectory state → events → rule evaluation, for StatusAanlevering 3
 * (IV008, ../shared/ijw-3.2/regels/invulinstructies/invulinstructie_IV008.md). A miniature of the signal engine
 * (apps/signals/src/signal.engine.ts) keeps the alerts: open a key no alert has had, auto-resolve with
 * resolvedSituations, never re-open a closed key.
 */
import {
  deriveTrajectory,
  diffTrajectory,
  DEFAULT_INTENSITY_MAPPING,
  type AcceptedMessage,
  type TrajectoryEvent,
  type TrajectoryState,
} from '@trajectwacht/trajectory';
import { buildJw301, buildJw305, buildJw307 } from '@trajectwacht/trajectory/testing';
import { DEFAULT_SIGNAL_CONFIG } from './config';
import type { ChildContext } from './model';
import { evaluateAll, resolvedSituations } from './rules';

class MiniEngine {
  readonly alerts = new Map<string, 'open' | 'resolved'>();
  readonly events: TrajectoryEvent[] = [];
  private messages: AcceptedMessage[] = [];
  private state: TrajectoryState | null = null;

  receive(m: AcceptedMessage, now: string): void {
    this.messages.push(m);
    const after = deriveTrajectory(this.messages, DEFAULT_INTENSITY_MAPPING)!;
    const events = diffTrajectory(this.state, after);
    this.events.push(...events);
    // the engine keeps the state of the events (trajectory.events.v1 carries the state after each event)
    if (events.length) this.state = after;
    this.evaluate(now);
  }

  evaluate(now: string): void {
    if (!this.state) return;
    const child: ChildContext = {
      clientPseudonym: this.state.clientPseudonym,
      geboortedatum: this.state.geboortedatum,
      trajectories: [this.state],
    };
    const input = { child, now, config: DEFAULT_SIGNAL_CONFIG };
    for (const c of evaluateAll(input)) if (!this.alerts.has(c.dedupKey)) this.alerts.set(c.dedupKey, 'open');
    const open = [...this.alerts].filter(([, s]) => s === 'open').map(([k]) => k);
    for (const k of resolvedSituations(input, open)) this.alerts.set(k, 'resolved');
  }

  open(): string[] {
    return [...this.alerts]
      .filter(([, s]) => s === 'open')
      .map(([k]) => k)
      .sort();
  }
}

const T = '0034-TW000001';
const at = (d: string) => ({ ontvangenOp: `${d}T10:00:00.000Z` });

describe('deleting a start or stop: the alerts follow', () => {
  it('wachttijd geen start: resolved by the start, back (new episode) when the start is deleted', () => {
    const e = new MiniEngine();
    e.receive(buildJw301({ ingangsdatum: '2024-01-15', einddatum: '2024-12-31', ontvangst: at('2024-01-10') }), '2024-01-10');
    e.evaluate('2024-02-12');
    expect(e.open()).toEqual([`WACHTTIJD_GEEN_START|${T}|ingang-2024-01-15`]);
    e.receive(buildJw305({ berichtId: 'S1/1', begindatum: '2024-02-13', ontvangst: at('2024-02-14') }), '2024-02-14');
    expect(e.open()).toEqual([]);
    e.receive(
      buildJw305({
        berichtId: 'S2/1',
        begindatum: '2024-02-13',
        statusAanlevering: '3',
        dagtekening: '2024-02-20',
        ontvangst: at('2024-02-20'),
      }),
      '2024-02-20',
    );
    expect(e.events.map((x) => x.type)).toEqual(['TrajectoryAssigned', 'TrajectoryStarted', 'TrajectoryStartDeleted']);
    expect(e.open()).toEqual([`WACHTTIJD_GEEN_START|${T}|ingang-2024-01-15|verwijderd-1`]);
    expect(e.alerts.get(`WACHTTIJD_GEEN_START|${T}|ingang-2024-01-15`)).toBe('resolved');
  });

  it('stop ontbreekt and uitstroom depend on the start: they resolve when it is deleted', () => {
    const e = new MiniEngine();
    e.receive(buildJw301({ ingangsdatum: '2023-01-02', einddatum: '2024-01-31', ontvangst: at('2023-01-01') }), '2023-01-01');
    e.receive(buildJw305({ berichtId: 'S1/1', begindatum: '2023-01-09', ontvangst: at('2023-01-10') }), '2023-01-10');
    e.evaluate('2024-03-01');
    expect(e.open()).toEqual([`STOP_ONTBREEKT|${T}|eind-2024-01-31`, `UITSTROOM_STAGNATIE|${T}|duur`]);
    e.receive(
      buildJw305({ berichtId: 'S2/1', begindatum: '2023-01-09', statusAanlevering: '3', ontvangst: at('2024-03-02') }),
      '2024-03-02',
    );
    // no start: stop ontbreekt and uitstroom end; the toewijzing is without start again
    expect(e.alerts.get(`STOP_ONTBREEKT|${T}|eind-2024-01-31`)).toBe('resolved');
    expect(e.alerts.get(`UITSTROOM_STAGNATIE|${T}|duur`)).toBe('resolved');
    expect(e.open()).toEqual([`WACHTTIJD_GEEN_START|${T}|ingang-2023-01-02|verwijderd-1`]);
  });

  it('a deleted stop: stop ontbreekt, which the stop had resolved, comes back', () => {
    const e = new MiniEngine();
    e.receive(buildJw301({ ingangsdatum: '2024-01-02', einddatum: '2024-03-31', ontvangst: at('2024-01-01') }), '2024-01-01');
    e.receive(buildJw305({ berichtId: 'S1/1', begindatum: '2024-01-08', ontvangst: at('2024-01-09') }), '2024-01-09');
    e.evaluate('2024-04-10');
    expect(e.open()).toEqual([`STOP_ONTBREEKT|${T}|eind-2024-03-31`]);
    const stop = { begindatum: '2024-01-08', einddatum: '2024-03-31', redenBeeindiging: '31' };
    e.receive(buildJw307({ berichtId: 'E1/1', ...stop, ontvangst: at('2024-04-11') }), '2024-04-11');
    expect(e.open()).toEqual([]);
    e.receive(buildJw307({ berichtId: 'E2/1', ...stop, statusAanlevering: '3', ontvangst: at('2024-04-12') }), '2024-04-12');
    expect(e.events.map((x) => x.type).slice(-2)).toEqual(['TrajectoryEnded', 'TrajectoryStopDeleted']);
    expect(e.open()).toEqual([`STOP_ONTBREEKT|${T}|eind-2024-03-31|verwijderd-1`]);
  });
});
