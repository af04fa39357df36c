import type { DataSource } from 'typeorm';
import { dropSchema, freshDatabase, uniqueName } from '../../../test/support/infra';
import { PgSignalStreamClock } from './signal-stream-clock.repository';

/** signal_stream_clock in PostgreSQL: per topic and partition, only ever forward. */
describe('PgSignalStreamClock', () => {
  let ds: DataSource;
  let clock: PgSignalStreamClock;

  beforeAll(async () => {
    ds = await freshDatabase(uniqueName('clock'));
    clock = new PgSignalStreamClock(ds);
  });
  afterAll(async () => dropSchema(ds));

  it('keeps per partition the latest time, never goes back, and keeps topics apart', async () => {
    expect(await clock.partitions('t')).toEqual([]);
    await clock.advance('t', [
      { partition: 1, eventTime: '2025-03-03T09:00:00.000Z' },
      { partition: 0, eventTime: '2025-03-01T10:30:00+01:00' },
    ]);
    await clock.advance('other', [{ partition: 0, eventTime: '2026-01-01T00:00:00.000Z' }]);
    expect(await clock.partitions('t')).toEqual([
      { partition: 0, eventTime: '2025-03-01T09:30:00.000Z' },
      { partition: 1, eventTime: '2025-03-03T09:00:00.000Z' },
    ]);
    // a redelivered, older batch moves nothing; a newer one moves its partition only
    await clock.advance('t', [
      { partition: 1, eventTime: '2025-02-01T00:00:00.000Z' },
      { partition: 0, eventTime: '2025-03-02T00:00:00.000Z' },
    ]);
    await clock.advance('t', []);
    expect(await clock.partitions('t')).toEqual([
      { partition: 0, eventTime: '2025-03-02T00:00:00.000Z' },
      { partition: 1, eventTime: '2025-03-03T09:00:00.000Z' },
    ]);
    expect(await clock.partitions('other')).toEqual([{ partition: 0, eventTime: '2026-01-01T00:00:00.000Z' }]);
  });
});
