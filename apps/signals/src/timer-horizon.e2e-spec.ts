import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { TOPICS, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { decodeAlertEvent } from '@trajectwacht/contracts';
import { testBsn } from '../../../test/support/bsn';
import {
  collectTopics,
  dropSchema,
  freshDatabase,
  isolateServices,
  testConfig,
  testKafka,
  uniqueName,
  waitFor,
  type Collected,
} from '../../../test/support/infra';
import { ijwPayload, type FlatBericht } from '../../../test/support/ijw';
import { createIngestApp } from '../../ingest/src/app';
import { IngestConsumer } from '../../ingest/src/ingest.consumer';
import { createTrajectoryApp } from '../../trajectory/src/app';
import { TrajectoryConsumer } from '../../trajectory/src/trajectory.consumer';
import { createSignalsApp } from './app';
import { DeliveryService } from './delivery.service';
import { SignalConsumer } from './signal.consumer';
import { PgSignalStreamClock } from './signal-stream-clock.repository';
import { TimerHorizonService } from './timer-horizon.service';

/**
 * Timers never fire ahead of the stream (timerHorizon, libs/signals). A JW301 received on 2025-03-03 sets a timer for
 * WACHTTIJD_GEEN_START at its norm date (28 days on); by the wall clock it is long due. While ingest still has a bericht
 * to read and the signal engine's input is that far behind the wall clock, the sweep fires nothing, so no alert is
 * raised for a toewijzing whose start might be that very bericht; once the chain has caught up, the sweep fires by the
 * wall clock and the alert is raised. The sweep is run by hand (its schedule is a day), so that each step is decided,
 * not raced.
 */
describe('timer sweep held back while the pipeline lags (published berichten → alerts.v1)', () => {
  const GEMEENTE = '0034';
  const AANBIEDER = '12345678';
  const schema = uniqueName('e2ehor');
  const run = uniqueName('h').replace(/_/g, '');
  const kafka = testKafka();
  const received = '2025-03-03';
  const receivedMs = Date.parse(`${received}T09:00:00Z`);
  let config: PlatformConfig;
  const apps: INestApplication[] = [];
  let producer: Producer;
  let alerts: { messages: Collected[]; stop: () => Promise<void> };
  let restoreEnv: (() => void) | undefined;

  const worker = () => issueToken({ role: 'toegang', gemeente: GEMEENTE, sub: 'worker-h' }, config.authSecret);
  const send = (message: FlatBericht, at: number) =>
    producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [{ key: 'k', value: ijwPayload(message), timestamp: String(at), headers: { authorization: `Bearer ${worker()}` } }],
    });
  const toewijzing = (nummer: string, bsn: string, day: string, berichtId: string): FlatBericht => ({
    gemeente: GEMEENTE,
    aanbieder: AANBIEDER,
    client: { bsn, geboortedatum: '2012-01-01' },
    toewijzingNummer: nummer,
    product: { categorie: '45', code: '45A01' },
    berichtcode: 'JW301',
    berichtId,
    dagtekening: day,
    ingangsdatum: day,
    einddatum: '2027-12-31',
  });
  const raisedFor = (nummer: string) =>
    alerts.messages.filter((m) => m.value.includes('"AlertRaised"') && m.value.includes(`${GEMEENTE}-${nummer}`));

  beforeAll(async () => {
    restoreEnv = isolateServices({ TIMER_SWEEP_INTERVAL_MS: String(24 * 3600 * 1000) });
    config = testConfig();
    alerts = await collectTopics(kafka, [TOPICS.alerts]);
    for (const create of [createIngestApp, createTrajectoryApp, createSignalsApp]) {
      const app = await create({ config, schema });
      await app.init();
      apps.push(app);
    }
    await Promise.all([
      apps[0]!.get(IngestConsumer).consumer!.joined,
      apps[1]!.get(TrajectoryConsumer).consumer!.joined,
      apps[2]!.get(SignalConsumer).consumer!.joined,
    ]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await alerts?.stop();
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  it('fires a long-due timer only once the chain ingest → trajectory → signals has caught up', async () => {
    const signals = apps[2]!;
    const sweep = signals.get(DeliveryService).timerSweep;
    const horizon = signals.get(TimerHorizonService);
    const nummer = String(40_000_000 + Math.floor(Math.random() * 9_999_999));
    await send(toewijzing(nummer, testBsn(Math.floor(Math.random() * 1e7) + 62_000_000), received, `${run}-1`), receivedMs);

    // the JW301 reached the signal engine: its partition's clock stands at the bericht's record time
    const clock = signals.get(PgSignalStreamClock);
    await waitFor(async () => (await clock.partitions(TOPICS.trajectoryEvents)).find((p) => p.eventTime === `${received}T09:00:00.000Z`));
    expect(raisedFor(nummer)).toEqual([]); // on 2025-03-03 the toewijzing is new: nothing to raise yet

    // ingest stops reading, and a bericht arrives: the chain has one record left to read
    const ingest = apps[0]!.get(IngestConsumer).consumer!.kafkaConsumer!;
    ingest.pause([{ topic: TOPICS.berichten }]);
    const later = String(40_000_000 + Math.floor(Math.random() * 9_999_999));
    await send(toewijzing(later, testBsn(Math.floor(Math.random() * 1e7) + 63_000_000), received, `${run}-2`), receivedMs + 60_000);
    // lagging, and the signal engine's input far behind the wall clock (2025-03-03): nothing fires
    await waitFor(async () => (await horizon.horizon()) === null);
    expect(await sweep.process()).toBe(0); // the timer is due by the wall clock, not by the stream's clock
    await new Promise((r) => setTimeout(r, 1000)); // what the outbox would have relayed by now
    expect(raisedFor(nummer)).toEqual([]);

    // ingest reads on; once every stage has caught up the sweep fires by the wall clock
    ingest.resume([{ topic: TOPICS.berichten }]);
    await waitFor(async () => ((await horizon.horizon())?.getTime() ?? 0) >= Date.now() - 60_000);
    expect(await sweep.process()).toBeGreaterThanOrEqual(1);
    const raised = await waitFor(async () => raisedFor(nummer).find((m) => m.value.includes('WACHTTIJD_GEEN_START')));
    expect(decodeAlertEvent(raised.value).alert).toMatchObject({ ruleId: 'WACHTTIJD_GEEN_START', gemeente: GEMEENTE });
  });
});
