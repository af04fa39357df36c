import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { addDays, dutchDate, pseudonymiseBsn } from '@trajectwacht/ijw';
import { TOPICS, createKafka, issueToken, replayTopic, type PlatformConfig } from '@trajectwacht/platform';
import { decodeAlertEvent, decodeTrajectoryEvent, decodeVervolgEvent, type VervolgEvent } from '@trajectwacht/contracts';
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
import { rebuild } from '../../trajectory/src/rebuild';
import { TrajectoryConsumer } from '../../trajectory/src/trajectory.consumer';
import { createSignalsApp } from './app';
import { SignalConsumer } from './signal.consumer';
import { SignalEngine } from './signal.engine';
import { PgSignalStore } from './signal-store.repository';
import { VervolgConsumer } from './vervolg.consumer';

interface AlertBody {
  id: string;
  ruleId: string;
  status: string;
  severity: string;
  clientPseudonym: string;
  trajectoryIds: string[];
  closeReason: string | null;
  closedBy: string | null;
  facts: Record<string, unknown>;
}

/**
 * Issue 15 end to end with the real services: published berichten (an 18-year-old with ambulante begeleiding whose
 * toewijzing runs on past 18) → OVERGANG_18 (18, hoog) → a toegang worker records the hand-over to the Wmo through
 * the API (audited: who, when, what; only toegang of the child's gemeente) → vervolg.v1 → the signal resolves →
 * `rebuild` replays it into fresh tables (the timeline of a trajectory service on the rebuilt schema still shows it)
 * and a signal engine on a fresh schema, fed by the replayed topics, derives the same resolution.
 */
describe('overgang 18: a recorded follow-up resolves OVERGANG_18 and survives a rebuild', () => {
  const GEMEENTE = '0034';
  const AANBIEDER = '12345678';
  const schema = uniqueName('e2eo18');
  const rebuildSchema = uniqueName('rbo18');
  const run = uniqueName('o').replace(/_/g, '');
  const kafka = testKafka();
  let config: PlatformConfig;
  const apps: INestApplication[] = [];
  let trajectoryUrl: string;
  let signalsUrl: string;
  let producer: Producer;
  let alertEvents: { messages: Collected[]; stop: () => Promise<void> };
  let restoreEnv: (() => void) | undefined;
  const today = dutchDate(new Date());
  // 18 about two months ago
  const geboortedatum = addDays(`${Number(today.slice(0, 4)) - 18}-${today.slice(5, 7)}-01`, -60);
  const bsn = testBsn(Math.floor(Math.random() * 1e7) + 52_000_000);
  const nummer = String(20_000_000 + Math.floor(Math.random() * 79_999_999)).slice(0, 8);
  const common = {
    gemeente: GEMEENTE,
    aanbieder: AANBIEDER,
    client: { bsn, geboortedatum },
    toewijzingNummer: nummer,
    product: { categorie: '45', code: '45A01' },
  };

  const token = (p: Parameters<typeof issueToken>[0]) => issueToken(p, config.authSecret);
  const call = (base: string, path: string, bearer: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  const send = (message: FlatBericht, bearer: string) =>
    producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [{ key: 'k', value: ijwPayload(message), headers: { authorization: `Bearer ${bearer}` } }],
    });

  beforeAll(async () => {
    restoreEnv = isolateServices({ TIMER_SWEEP_INTERVAL_MS: '500' });
    config = testConfig();
    alertEvents = await collectTopics(kafka, [TOPICS.alerts]);
    const ingest = await createIngestApp({ config, schema });
    await ingest.init();
    apps.push(ingest);
    const trajectory = await createTrajectoryApp({ config, schema });
    await trajectory.listen(0, '127.0.0.1');
    apps.push(trajectory);
    trajectoryUrl = (await trajectory.getUrl()).replace('[::1]', '127.0.0.1');
    const signals = await createSignalsApp({ config, schema });
    await signals.listen(0, '127.0.0.1');
    apps.push(signals);
    signalsUrl = (await signals.getUrl()).replace('[::1]', '127.0.0.1');
    await Promise.all([
      ingest.get(IngestConsumer).consumer!.joined,
      trajectory.get(TrajectoryConsumer).consumer!.joined,
      signals.get(SignalConsumer).consumer!.joined,
      signals.get(VervolgConsumer).consumer!.joined,
    ]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await alertEvents?.stop();
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
    await dropSchema(await freshDatabase(rebuildSchema));
  });

  it('published messages → OVERGANG_18 → follow-up recorded through the API → resolved → rebuild → still there and resolved', async () => {
    const worker = token({ role: 'toegang', gemeente: GEMEENTE, sub: 'worker-18' });
    const pseudonym = pseudonymiseBsn(bsn, config.pseudonymSecret);

    // ambulante begeleiding (45A01, stoptOp18) since ten months, its toewijzing running on past 18: that must not silence it
    await send(
      { ...common, berichtcode: 'JW301', berichtId: `${run}-1`, ingangsdatum: addDays(today, -300), einddatum: addDays(today, 200) },
      worker,
    );
    await send(
      { ...common, berichtcode: 'JW305', berichtId: `${run}-2`, begindatum: addDays(today, -299) },
      token({ role: 'aanbieder', agb: AANBIEDER, sub: 'provider' }),
    );
    const alert = await waitFor(async () => {
      const res = await call(signalsUrl, `/api/v1/alerts?rule=OVERGANG_18`, worker);
      const list = res.status === 200 ? ((await res.json()) as AlertBody[]) : [];
      return list.find((a) => a.clientPseudonym === pseudonym && a.facts.mijlpaal === '18');
    }, 60_000);
    expect(alert).toMatchObject({ status: 'open', severity: 'hoog', trajectoryIds: [`${GEMEENTE}-${nummer}`] });
    expect(alert.facts).toMatchObject({ productSoorten: 'stoptOp18', vervolgVastgelegd: false });

    // only a toegang worker of the child's gemeente records, with a valid follow-up
    const body = { soort: 'wmo', perDatum: addDays(today, 14), overdrachtAan: 'Wmo-loket Almere', alertId: alert.id };
    const post = (bearer: string, b: unknown) =>
      call(trajectoryUrl, `/api/v1/pseudoniemen/${pseudonym}/vervolg`, bearer, { method: 'POST', body: JSON.stringify(b) });
    expect((await post(token({ role: 'aanbieder', agb: AANBIEDER, sub: 'provider' }), body)).status).toBe(403);
    expect((await post(token({ role: 'toegang', gemeente: '0995', sub: 'other' }), body)).status).toBe(404);
    const invalid = await post(worker, { soort: 'wmo' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string[] }).message).toEqual([
      'perDatum: required for soort wmo',
      'overdrachtAan: required for soort wmo',
    ]);
    const before = Date.now();
    const created = await post(worker, body);
    expect(created.status).toBe(201);
    const recorded = (await created.json()) as VervolgEvent;
    expect(recorded).toMatchObject({
      type: 'VervolgVastgelegd',
      clientPseudonym: pseudonym,
      gemeente: GEMEENTE,
      vastgelegdOp: today,
      vastgelegdDoor: { sub: 'worker-18', role: 'toegang', gemeente: GEMEENTE },
      ...body,
    });
    expect(Date.parse(recorded.vastgelegdOpTijd)).toBeGreaterThanOrEqual(before - 1000);

    // the signal it answers resolves (by the system, naming the follow-up and who recorded it), also on alerts.v1
    const resolved = await waitFor(async () => {
      const res = await call(signalsUrl, `/api/v1/alerts/${alert.id}`, worker);
      const a = res.status === 200 ? ((await res.json()) as AlertBody) : undefined;
      return a?.status === 'resolved' ? a : undefined;
    }, 30_000);
    expect(resolved.closeReason).toBe(`vervolg vastgelegd: wmo (${recorded.id}) door toegang:${GEMEENTE}:worker-18`);
    await waitFor(async () => alertEvents.messages.some((m) => m.key === alert.id && decodeAlertEvent(m.value).type === 'AlertResolved'));

    // the child's follow-ups (the timeline shows them); the worker's identity is not shown to an aanbieder
    const listed = (await (await call(trajectoryUrl, `/api/v1/pseudoniemen/${pseudonym}/vervolg`, worker)).json()) as VervolgEvent[];
    expect(listed).toEqual([recorded]);
    const forProvider = (await (
      await call(trajectoryUrl, `/api/v1/pseudoniemen/${pseudonym}/vervolg`, token({ role: 'aanbieder', agb: AANBIEDER, sub: 'provider' }))
    ).json()) as Record<string, unknown>[];
    expect(forProvider).toHaveLength(1);
    expect(forProvider[0]).not.toHaveProperty('vastgelegdDoor');

    // npm run rebuild: replays ijw.geaccepteerd.v1 and vervolg.v1 into fresh tables
    const result = await rebuild(config, rebuildSchema, schema);
    expect(result.vervolg.records).toBeGreaterThanOrEqual(1);
    const rebuilt = await freshDatabase(rebuildSchema);
    try {
      const rows: { record: VervolgEvent }[] = await rebuilt.query(`SELECT record FROM client_vervolg WHERE id = $1`, [recorded.id]);
      expect(rows.map((r) => r.record)).toEqual([recorded]);
    } finally {
      await rebuilt.destroy();
    }
    // a trajectory service on the rebuilt tables shows the child with the follow-up
    const onRebuilt = await createTrajectoryApp({ config, schema: rebuildSchema });
    await onRebuilt.listen(0, '127.0.0.1');
    apps.push(onRebuilt);
    const rebuiltUrl = (await onRebuilt.getUrl()).replace('[::1]', '127.0.0.1');
    expect((await (await call(rebuiltUrl, `/api/v1/pseudoniemen/${pseudonym}/vervolg`, worker)).json()) as VervolgEvent[]).toEqual([
      recorded,
    ]);
    expect((await call(rebuiltUrl, `/api/v1/pseudoniemen/${pseudonym}/trajecten`, worker)).status).toBe(200);

    // still resolved live, and derived again from the topics by a signal engine on fresh tables
    expect(((await (await call(signalsUrl, `/api/v1/alerts/${alert.id}`, worker)).json()) as AlertBody).status).toBe('resolved');
    const fresh = await freshDatabase(uniqueName('o18sig'));
    try {
      const engine = new SignalEngine(new PgSignalStore(fresh));
      const replay = createKafka(config, uniqueName('o18replay'));
      await replayTopic(
        replay,
        TOPICS.trajectoryEvents,
        async (batch) => {
          await engine.processEvents(batch.filter((r) => r.key?.toString() === pseudonym).map((r) => decodeTrajectoryEvent(r.value)));
        },
        { groupId: uniqueName('o18te') },
      );
      const replayed: VervolgEvent[] = [];
      await replayTopic(
        replay,
        TOPICS.vervolg,
        async (batch) => {
          const mine = batch.filter((r) => r.key?.toString() === pseudonym).map((r) => decodeVervolgEvent(r.value));
          replayed.push(...mine);
          await engine.processVervolg(mine);
        },
        { groupId: uniqueName('o18v') },
      );
      const derived: { status: string; reason: string | null }[] = await fresh.query(
        `SELECT status, lifecycle->>'closeReason' AS reason FROM alert WHERE id = $1`,
        [alert.id],
      );
      expect(derived).toEqual([{ status: 'resolved', reason: resolved.closeReason }]);
      // a redelivered follow-up changes nothing (idempotent by its id)
      expect(replayed.map((e) => e.id)).toEqual([recorded.id]);
      expect(await engine.processVervolg(replayed)).toBe(0);
    } finally {
      await dropSchema(fresh);
    }
  }, 180_000);
});
