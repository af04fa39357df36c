import type { Job } from 'bullmq';
import { JobScheduler, parseEmptyPayload, type JobProcessor } from '@trajectwacht/platform';
import { testConfig, uniqueName, waitFor } from '../../../../test/support/infra';
import { RedisInstance } from '../../../../test/support/processes';

const silent = { warn: () => undefined };

/** A processor that records the payloads it ran with (and fails the first `failures` attempts of each job). */
function recorder<P>(queue: string, name: string, parse: (data: unknown) => P, failures = 0) {
  const runs: { payload: P; attempt: number; at: number }[] = [];
  const processor: JobProcessor<P> = {
    queue,
    name,
    parse,
    async process(payload: P, job: Job<P>) {
      runs.push({ payload, attempt: job.attemptsMade + 1, at: Date.now() });
      if (job.attemptsMade < failures) throw new Error(`attempt ${job.attemptsMade + 1} fails`);
      return 'ok';
    },
  };
  return { processor, runs };
}

const gemeente = (data: unknown): { gemeente: string } => {
  const g = (data as { gemeente?: unknown } | null)?.gemeente;
  if (typeof g !== 'string' || !/^[0-9]{4}$/.test(g)) throw new Error('gemeente must be a 4-digit gemeentecode');
  return { gemeente: g };
};

describe('JobScheduler (libs/platform/src/jobs) against Redis', () => {
  const redisUrl = testConfig().redisUrl;
  const open: JobScheduler[] = [];
  const scheduler = (prefix: string, url = redisUrl) => {
    const s = new JobScheduler({ redisUrl: url, prefix, logger: silent, context: 'test' });
    open.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it(
    'keeps one scheduler per stable id however often and by however many instances it is declared, ' + 'and runs it with its payload',
    async () => {
      const prefix = uniqueName('jobs');
      const queue = 'schedules';
      const [a, b] = [scheduler(prefix), scheduler(prefix)];
      const sweepA = recorder(queue, 'sweep', parseEmptyPayload);
      const digestA = recorder(queue, 'digest', gemeente);
      a.register(queue, { concurrency: 1 }, [sweepA.processor, digestA.processor]);
      b.register(queue, { concurrency: 1 }, [
        recorder(queue, 'sweep', parseEmptyPayload).processor,
        recorder(queue, 'digest', gemeente).processor,
      ]);
      await a.start();
      await b.start();
      for (const s of [a, b, a]) {
        await s.schedule(sweepA.processor, {
          id: 'sweep',
          repeat: { every: 200 },
          payload: {},
          opts: { removeOnComplete: 5, removeOnFail: 5 },
        });
        await s.schedule(digestA.processor, {
          id: 'digest-0034',
          repeat: { pattern: '0 7 * * *', tz: 'Europe/Amsterdam' },
          payload: { gemeente: '0034' },
        });
      }
      const schedulers = await a.queue(queue).getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(['digest-0034', 'sweep']);
      expect(schedulers.find((s) => s.key === 'digest-0034')).toMatchObject({
        name: 'digest',
        pattern: '0 7 * * *',
        tz: 'Europe/Amsterdam',
        template: { data: { gemeente: '0034' } },
      });
      await waitFor(async () => sweepA.runs.length >= 1, 10_000, 50);
      expect(sweepA.runs[0]!.payload).toEqual({});

      await a.unschedule(digestA.processor, 'digest-0034');
      expect((await b.queue(queue).getJobSchedulers()).map((s) => s.key)).toEqual(['sweep']);
    },
  );

  it('declares every schedule again (refresh sources included) when the connection is ready again after Redis lost its keys', async () => {
    const redis = await RedisInstance.create();
    try {
      const queue = 'held';
      const s = scheduler(uniqueName('jobsrc'), redis.url);
      const sweep = recorder(queue, 'sweep', parseEmptyPayload);
      const digest = recorder(queue, 'digest', gemeente);
      s.register(queue, { concurrency: 1, logFailures: true }, [sweep.processor, digest.processor]);
      let refreshed = 0;
      // like the digest schedules: read from the database at start and at every reconnect
      s.refresh(async () => {
        refreshed++;
        await s.schedule(digest.processor, {
          id: 'digest-0995',
          repeat: { pattern: '0 6 * * *', tz: 'Europe/Amsterdam' },
          payload: { gemeente: '0995' },
        });
      });
      await s.schedule(sweep.processor, { id: 'sweep-held', repeat: { every: 150 }, payload: {} });
      await s.start();
      expect(refreshed).toBe(1);
      expect((await s.queue(queue).getJobSchedulers()).map((j) => j.key).sort()).toEqual(['digest-0995', 'sweep-held']);
      await waitFor(async () => sweep.runs.length >= 1, 10_000, 50);

      await redis.stop(); // no persistence: every key is gone
      await redis.start();
      const back = await waitFor(
        async () => {
          const keys = (
            await s
              .queue(queue)
              .getJobSchedulers()
              .catch(() => [])
          )
            .map((j) => j.key)
            .sort();
          return keys.length === 2 ? keys : undefined;
        },
        20_000,
        100,
      );
      expect(back).toEqual(['digest-0995', 'sweep-held']);
      expect(refreshed).toBeGreaterThanOrEqual(2);
      const runsBefore = sweep.runs.length;
      await waitFor(async () => sweep.runs.length > runsBefore, 10_000, 50); // and it runs again
    } finally {
      for (const s of open.splice(0)) await s.close();
      await redis.destroy();
    }
  });

  it("retries with the queue's backoff strategy, and fails a job with an invalid payload at once with a clear error", async () => {
    const prefix = uniqueName('jobsbo');
    const queue = 'delivery';
    const s = scheduler(prefix);
    const flaky = recorder(queue, 'alert', gemeente, 2);
    const strategyCalls: number[] = [];
    s.register(queue, { concurrency: 4, backoffStrategy: (attempts) => (strategyCalls.push(attempts), 300 * 2 ** (attempts - 1)) }, [
      flaky.processor,
    ]);
    await s.start();
    const job = await s.add(
      flaky.processor,
      { gemeente: '0034' },
      { jobId: 'one', attempts: 3, backoff: { type: 'custom' }, removeOnComplete: 10, removeOnFail: false },
    );
    expect(job.id).toBe('one');
    // same id: not added twice
    await s.add(flaky.processor, { gemeente: '0034' }, { jobId: 'one', attempts: 3, backoff: { type: 'custom' } });
    await waitFor(async () => flaky.runs.length >= 3, 15_000, 20);
    expect(flaky.runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(strategyCalls).toEqual([1, 2]);
    expect(flaky.runs[1]!.at - flaky.runs[0]!.at).toBeGreaterThanOrEqual(280);
    expect(flaky.runs[2]!.at - flaky.runs[1]!.at).toBeGreaterThanOrEqual(580);
    await waitFor(async () => (await s.queue(queue).getJobState('one')) === 'completed', 5_000, 20);

    const bad = await s.queue(queue).add('alert', { gemeente: 'x' }, { jobId: 'bad', attempts: 5, backoff: { type: 'custom' } });
    await waitFor(async () => (await s.queue(queue).getJobState('bad')) === 'failed', 5_000, 20);
    const failed = await s.queue(queue).getJob(bad.id!);
    expect(failed!.attemptsMade).toBe(1);
    expect(failed!.failedReason).toBe('job alert (bad) has an invalid payload: gemeente must be a 4-digit gemeentecode');
    expect(flaky.runs).toHaveLength(3);
  });
});
