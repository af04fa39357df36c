import { HELD_QUEUE, HELD_SCHEDULER_ID, HeldSweepJob } from './held-sweep.job';

/** The held-message sweep as a processor (the pipeline and relay are stand-ins; ingest.e2e-spec.ts runs it for real). */
describe('HeldSweepJob', () => {
  it('decides the held messages, relays only when something was decided, and keeps its queue, scheduler id and interval', async () => {
    const decided = [2, 0];
    let flushes = 0;
    const job = new HeldSweepJob({ sweepHeld: async () => decided.shift()! }, { flush: async () => ++flushes });
    expect(await job.process()).toBe(2);
    expect(flushes).toBe(1);
    expect(await job.process()).toBe(0);
    expect(flushes).toBe(1);
    expect([job.queue, job.name]).toEqual([HELD_QUEUE, 'sweep']);
    expect(job.schedule({ HELD_SWEEP_INTERVAL_MS: '2000' })).toEqual({
      id: HELD_SCHEDULER_ID,
      repeat: { every: 2000 },
      payload: {},
      opts: { removeOnComplete: 100, removeOnFail: 100 },
    });
    expect(job.schedule({})).toMatchObject({ repeat: { every: 15_000 } });
    expect(() => job.parse({ anything: true })).toThrow('expected no payload');
  });
});
