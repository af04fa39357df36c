import { TimerHorizonService } from './timer-horizon.service';

/** TimerHorizonService with stand-ins for the broker and the table: which clock, and what it logs (once per change). */
describe('TimerHorizonService', () => {
  const wall = new Date('2026-12-03T12:00:00Z');
  const partitions = [
    { partition: 0, eventTime: '2026-12-03T11:59:00.000Z' },
    { partition: 1, eventTime: '2026-12-03T11:58:30.000Z' },
  ];

  function service(lag: () => Promise<number>, clocks = partitions) {
    const logs: string[] = [];
    const warnings: string[] = [];
    const behind: number[] = [];
    const logger = { log: (m: string) => logs.push(m), warn: (m: string) => warnings.push(m), error: () => undefined };
    const horizon = new TimerHorizonService(
      { remaining: lag, close: async () => undefined },
      { partitions: async () => clocks },
      'trajectory.events.v1',
      5 * 60_000,
      logger,
      () => wall,
      (seconds) => behind.push(seconds),
    );
    return { horizon, logs, warnings, behind };
  }

  it('is the wall clock when caught up, the stream clock while lagging a little, and logs nothing for that', async () => {
    const lags = [0, 12, 7, 0, 0];
    const { horizon, logs, behind } = service(async () => lags.shift()!);
    expect(await horizon.horizon()).toEqual(wall);
    expect(await horizon.horizon()).toEqual(new Date('2026-12-03T11:58:30.000Z'));
    expect(await horizon.horizon()).toEqual(new Date('2026-12-03T11:58:30.000Z'));
    expect(await horizon.horizon()).toEqual(wall);
    expect(await horizon.horizon()).toEqual(wall);
    expect(logs).toEqual([]);
    expect(behind).toEqual([0, 90, 90, 0, 0]); // the gauge trajectwacht_timer_sweep_behind_seconds
  });

  it('fires nothing while the stream is far behind, reports it as -1, and logs once when it starts and ends', async () => {
    const lags = [5000, 4000, 0];
    const { horizon, logs, behind } = service(async () => lags.shift()!, [{ partition: 0, eventTime: '2026-03-05T10:00:00.000Z' }]);
    expect(await horizon.horizon()).toBeNull();
    expect(await horizon.horizon()).toBeNull();
    expect(await horizon.horizon()).toEqual(wall);
    expect(behind).toEqual([-1, -1, 0]);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/held back.*5000 records to read.*no timer fires until it has caught up/);
    expect(logs[1]).toMatch(/caught up, timers fire again/);
  });

  it('counts a broker it cannot ask as lagging, and says so', async () => {
    const { horizon, warnings } = service(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
    });
    expect(await horizon.horizon()).toEqual(new Date('2026-12-03T11:58:30.000Z'));
    expect(warnings[0]).toMatch(/lag is unknown.*ECONNREFUSED/);
  });
});
