import type { Job } from 'bullmq';
import type { JobScheduler, ScheduleSpec } from '@trajectwacht/platform';
import type { Notification, Subscription } from '../notifications';
import { DigestJob, parseDigestPayload } from './digest.job';
import { EscalationSweepJob } from './escalation-sweep.job';
import { DELIVERY_QUEUE, SIGNAL_QUEUE } from './queues';
import { TimerSweepJob } from './timer-sweep.job';
import { WebhookDeliveryJob, parseNotification } from './webhook-delivery.job';

/**
 * The signal service's job processors without Redis or PostgreSQL (in-memory stand-ins for the repositories and the
 * scheduler); the JobScheduler itself is tested against Redis (libs/platform/src/jobs/job-scheduler.int-spec.ts) and
 * the jobs end to end in signals.e2e-spec.ts.
 */
const alert: Notification = {
  kind: 'alert',
  alertId: 'A1',
  event: 'AlertRaised',
  ruleId: 'WACHTTIJD_GEEN_START',
  severity: 'midden',
  status: 'open',
  gemeente: '0034',
  clientReferentie: 'c0ffee',
  title: 't',
  effectiveAt: '2025-02-03',
  link: 'http://x/alerts/A1',
};
const subscription: Subscription = {
  gemeente: '0034',
  url: 'http://127.0.0.1:9/hook',
  secret: 's'.repeat(16),
  mode: 'direct',
  digestHour: 7,
};

describe('signal jobs', () => {
  it('name their queue and job, and check their payloads with clear errors', () => {
    const engine = { fireDueTimers: async () => 0, escalateOverdue: async () => 0 };
    const now = async () => new Date();
    expect([new TimerSweepJob(engine, now).queue, new EscalationSweepJob(engine).queue]).toEqual([SIGNAL_QUEUE, SIGNAL_QUEUE]);
    expect(new TimerSweepJob(engine, now).parse({})).toEqual({});
    expect(() => new TimerSweepJob(engine, now).parse({ x: 1 })).toThrow('expected no payload');
    expect(parseDigestPayload({ gemeente: '0034' })).toEqual({ gemeente: '0034' });
    expect(() => parseDigestPayload({ gemeente: '34' })).toThrow('4-digit gemeentecode');
    expect(parseNotification(alert)).toEqual(alert);
    expect(() => parseNotification({ ...alert, kind: 'sms' })).toThrow('kind must be alert or digest');
    expect(() => parseNotification({ ...alert, alertId: 7 })).toThrow('alertId must be text');
    expect(() => parseNotification({ kind: 'digest', gemeente: '0034', date: 'd', link: 'l', count: 2, alerts: [{}] })).toThrow('count');
  });

  it('the timer sweep fires round after round until nothing is due, up to its horizon; its schedule has a stable id', async () => {
    const rounds = [500, 500, 12, 0];
    const upTos: Date[] = [];
    const horizon = new Date('2026-03-04T08:30:00Z');
    const sweep = new TimerSweepJob({ fireDueTimers: async (upTo: Date) => (upTos.push(upTo), rounds.shift()!) }, async () => horizon);
    expect(await sweep.process()).toBe(1012);
    expect(rounds).toEqual([]);
    expect(upTos).toEqual([horizon, horizon, horizon, horizon]);
    // no horizon (the pipeline lags and nothing has been applied yet): nothing fires
    let asked = 0;
    const held = new TimerSweepJob({ fireDueTimers: async () => ++asked }, async () => null);
    expect(await held.process()).toBe(0);
    expect(asked).toBe(0);
    expect(sweep.schedule({ TIMER_SWEEP_INTERVAL_MS: '500' })).toMatchObject({
      id: 'timer-sweep',
      repeat: { every: 500 },
      opts: { removeOnComplete: 50, removeOnFail: 50 },
    });
    expect(new EscalationSweepJob({ escalateOverdue: async () => 3 }).schedule({})).toMatchObject({
      id: 'escalation-sweep',
      repeat: { every: 300_000 },
    });
  });

  it('digest schedulers follow the subscriptions: one per digest gemeente at its hour, removed when a team goes direct', async () => {
    const scheduled = new Map<string, ScheduleSpec<unknown>>();
    const jobs = {
      schedule: async (_p: unknown, spec: ScheduleSpec<unknown>) => void scheduled.set(spec.id, spec),
      unschedule: async (_p: unknown, id: string) => void scheduled.delete(id),
    } as unknown as JobScheduler;
    let subs: Subscription[] = [
      { ...subscription, mode: 'digest', digestHour: 6 },
      { ...subscription, gemeente: '0995', mode: 'direct' },
    ];
    const digest = new DigestJob(
      jobs,
      { notYetNotified: async () => [], markNotified: async () => undefined },
      { subscriptions: async () => subs },
      {} as WebhookDeliveryJob,
    );
    await digest.sync();
    expect([...scheduled.values()]).toEqual([
      { id: 'digest-0034', repeat: { pattern: '0 6 * * *', tz: 'Europe/Amsterdam' }, payload: { gemeente: '0034' } },
    ]);
    subs = [{ ...subscription, mode: 'direct' }];
    await digest.sync();
    expect(scheduled.size).toBe(0);
    expect(await digest.send('0034')).toBe(0); // nothing open: no delivery, nothing marked
  });

  it(
    'webhook delivery: marks the alert notified on success; ' +
      'after the last failed attempt writes a dead letter and still fails the job',
    async () => {
      const dead: unknown[][] = [];
      const notified: string[] = [];
      let answer: () => Promise<number> = async () => 204;
      const job = new WebhookDeliveryJob(
        {} as JobScheduler,
        {
          subscription: async (g) => (g === '0034' ? subscription : null),
          addDeadLetter: async (...args) => void dead.push(args),
          takeForReplay: async () => null,
        },
        { markNotifiedOnce: async (id) => void notified.push(id) },
        { warn: () => undefined },
        { WEBHOOK_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '100' },
        () => answer(),
      );
      expect(job.queue).toBe(DELIVERY_QUEUE);
      expect(job.attempts).toBe(3);
      const backoff = job.settings();
      expect(backoff.concurrency).toBe(4);
      expect([1, 2, 3, 30].map((n) => backoff.backoffStrategy!(n))).toEqual([100, 200, 400, 3_600_000]);
      const attempt = (made: number) => ({ attemptsMade: made, opts: { attempts: 3 } }) as Job<Notification>;

      expect(await job.process(alert, attempt(0))).toBe(204);
      expect(notified).toEqual(['A1']);
      expect(await job.process({ ...alert, gemeente: '0995' }, attempt(0))).toBe(0); // no subscription: nothing to send

      answer = async () => Promise.reject(new Error('webhook answered HTTP 503'));
      await expect(job.process(alert, attempt(1))).rejects.toThrow('HTTP 503');
      expect(dead).toEqual([]); // retried by BullMQ
      await expect(job.process(alert, attempt(2))).rejects.toThrow('HTTP 503');
      expect(dead).toEqual([['0034', alert, 'webhook answered HTTP 503', 3]]);
      expect(await job.replay('1', '0034')).toBe(false);
    },
  );
});
