import { latestPerPartition, timerHorizon } from './timer-horizon';

describe('timerHorizon: timers never fire ahead of the stream', () => {
  const wall = new Date('2026-12-03T12:00:00Z');

  it('is the wall clock once the pipeline has caught up, whatever the partitions applied last', () => {
    expect(timerHorizon(wall, true, [])).toEqual(wall);
    expect(timerHorizon(wall, true, [{ partition: 0, eventTime: '2025-01-01T00:00:00Z' }])).toEqual(wall);
  });

  it('is the earliest partition clock while the pipeline lags', () => {
    const partitions = [
      { partition: 0, eventTime: '2026-03-05T10:00:00.000Z' },
      { partition: 1, eventTime: '2026-03-04T08:30:00.000Z' },
      { partition: 2, eventTime: '2026-03-06T00:00:00.000Z' },
    ];
    expect(timerHorizon(wall, false, partitions)).toEqual(new Date('2026-03-04T08:30:00.000Z'));
  });

  it('counts an unknown pipeline state as lagging (late, never early)', () => {
    expect(timerHorizon(wall, null, [{ partition: 0, eventTime: '2026-03-05T10:00:00Z' }])).toEqual(new Date('2026-03-05T10:00:00Z'));
  });

  it('fires nothing while the pipeline lags and nothing has been applied yet', () => {
    expect(timerHorizon(wall, false, [])).toBeNull();
    expect(timerHorizon(wall, null, [])).toBeNull();
  });

  it('never passes the wall clock (a record time from a clock ahead of ours)', () => {
    expect(timerHorizon(wall, false, [{ partition: 0, eventTime: '2027-01-01T00:00:00Z' }])).toEqual(wall);
  });

  it('refuses a partition clock that is no time', () => {
    expect(() => timerHorizon(wall, false, [{ partition: 3, eventTime: 'gisteren' }])).toThrow(/partition 3/);
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
