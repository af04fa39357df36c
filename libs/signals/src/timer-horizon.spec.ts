import { latestPerPartition, timerHorizon } from './timer-horizon';

describe('timerHorizon: timers never fire ahead of the stream', () => {
  const wall = new Date('2026-12-03T12:00:00Z');
  const minutes = (n: number) => n * 60_000;
  const ago = (ms: number) => new Date(wall.getTime() - ms).toISOString();
  const tolerance = minutes(5);

  it('is the wall clock once the pipeline has caught up, whatever the partitions applied last', () => {
    expect(timerHorizon(wall, true, [], tolerance)).toEqual(wall);
    expect(timerHorizon(wall, true, [{ partition: 0, eventTime: '2025-01-01T00:00:00Z' }], tolerance)).toEqual(wall);
  });

  it('is the earliest partition clock while the pipeline lags a little (live, under load)', () => {
    const partitions = [
      { partition: 0, eventTime: ago(minutes(1)) },
      { partition: 1, eventTime: ago(minutes(4)) },
      { partition: 2, eventTime: ago(2000) },
    ];
    expect(timerHorizon(wall, false, partitions, tolerance)).toEqual(new Date(ago(minutes(4))));
    expect(timerHorizon(wall, false, [{ partition: 0, eventTime: ago(tolerance) }], tolerance)).toEqual(new Date(ago(tolerance)));
  });

  it('fires nothing while the pipeline catches up from further behind (history, an outage)', () => {
    // one partition past the tolerance is enough: upstream, the others may be as far behind without showing it
    const partitions = [
      { partition: 0, eventTime: ago(minutes(1)) },
      { partition: 1, eventTime: ago(tolerance + 1) },
    ];
    expect(timerHorizon(wall, false, partitions, tolerance)).toBeNull();
    expect(timerHorizon(wall, false, [{ partition: 0, eventTime: '2026-03-05T10:00:00Z' }], tolerance)).toBeNull();
    // with no tolerance, only a caught-up pipeline fires
    expect(timerHorizon(wall, false, [{ partition: 0, eventTime: ago(1) }], 0)).toBeNull();
  });

  it('counts an unknown pipeline state as lagging (late, never early)', () => {
    expect(timerHorizon(wall, null, [{ partition: 0, eventTime: ago(minutes(2)) }], tolerance)).toEqual(new Date(ago(minutes(2))));
    expect(timerHorizon(wall, null, [{ partition: 0, eventTime: '2026-03-05T10:00:00Z' }], tolerance)).toBeNull();
  });

  it('fires nothing while the pipeline lags and nothing has been applied yet', () => {
    expect(timerHorizon(wall, false, [], tolerance)).toBeNull();
    expect(timerHorizon(wall, null, [], tolerance)).toBeNull();
  });

  it('never passes the wall clock (a record time from a clock ahead of ours)', () => {
    expect(timerHorizon(wall, false, [{ partition: 0, eventTime: '2027-01-01T00:00:00Z' }], tolerance)).toEqual(wall);
  });

  it('refuses a partition clock that is no time, and a negative tolerance', () => {
    expect(() => timerHorizon(wall, false, [{ partition: 3, eventTime: 'gisteren' }], tolerance)).toThrow(/partition 3/);
    expect(() => timerHorizon(wall, true, [], -1)).toThrow(/toleranceMs/);
  });
});

describe('latestPerPartition', () => {
  it('keeps per partition the latest event time, by time rather than by text', () => {
    expect(
      latestPerPartition([
        { partition: 1, eventTime: '2026-03-05T10:00:00.000Z' },
        { partition: 0, eventTime: '2026-03-01T00:00:00.000Z' },
        { partition: 1, eventTime: '2026-03-05T11:00:00+02:00' }, // 09:00Z: earlier than the first, though its text sorts later
        { partition: 0, eventTime: '2026-03-02T00:00:00.000Z' },
      ]),
    ).toEqual([
      { partition: 0, eventTime: '2026-03-02T00:00:00.000Z' },
      { partition: 1, eventTime: '2026-03-05T10:00:00.000Z' },
    ]);
    expect(latestPerPartition([])).toEqual([]);
  });
});
