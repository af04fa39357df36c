import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { addDays, dutchDate } from '@trajectwacht/ijw';
import { TOPICS, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { decodeAlertEvent, decodeDeadLetter } from '@trajectwacht/contracts';
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
import { sign, SIGNATURE_HEADER } from './notifications';
import { SignalConsumer } from './signal.consumer';

interface AlertBody {
  id: string;
  ruleId: string;
  status: string;
  severity: string;
  clientPseudonym: string;
  trajectoryIds: string[];
  closeReason: string | null;
}

/**
 * From published iJw 3.2 berichten (XML) to alerts: a toewijzing without a start raises WACHTTIJD_GEEN_START on alerts.v1 and in
 * the API, is delivered to the gemeente's webhook (HMAC-signed, no BSN), and resolves itself when the start arrives.
 */
describe('signals end to end (published messages → alerts.v1, API, webhook)', () => {
  const GEMEENTE = '0034';
  const AANBIEDER = '12345678';
  const schema = uniqueName('e2esig');
  const run = uniqueName('s').replace(/_/g, '');
  const kafka = testKafka();
  let config: PlatformConfig;
  const apps: INestApplication[] = [];
  let signals: INestApplication;
  let url: string;
  let producer: Producer;
  let alerts: { messages: Collected[]; stop: () => Promise<void> };
  let hook: Server;
  const received: { body: string; signature: string }[] = [];
  let failHook = false;
  let restoreEnv: (() => void) | undefined;
  const today = dutchDate(new Date());

  const token = (p: Parameters<typeof issueToken>[0]) => issueToken(p, config.authSecret);
  const worker = () => token({ role: 'toegang', gemeente: GEMEENTE, sub: 'worker-1' });
  const api = (path: string, bearer: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  /** Publishes one iJw 3.2 bericht (XML) on ijw.berichten.v1 with the sender's token. */
  const send = (message: FlatBericht, bearer: string) =>
    producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [{ key: 'k', value: ijwPayload(message), headers: { authorization: `Bearer ${bearer}` } }],
    });

  beforeAll(async () => {
    restoreEnv = isolateServices({ WEBHOOK_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '100', TIMER_SWEEP_INTERVAL_MS: '500' });
    // the test's webhook listens on loopback: allowed explicitly (the address policy refuses it by default)
    config = testConfig({ http: { ...testConfig().http!, webhookAllowedHosts: ['127.0.0.1'] } });
    hook = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failHook) {
          res.writeHead(503).end();
          return;
        }
        received.push({ body, signature: String(req.headers[SIGNATURE_HEADER]) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    alerts = await collectTopics(kafka, [TOPICS.alerts]);
    for (const create of [createIngestApp, createTrajectoryApp]) {
      const app = await create({ config, schema });
      await app.init();
      apps.push(app);
    }
    signals = await createSignalsApp({ config, schema });
    await signals.listen(0, '127.0.0.1');
    apps.push(signals);
    url = (await signals.getUrl()).replace('[::1]', '127.0.0.1');
    await Promise.all([
      apps[0]!.get(IngestConsumer).consumer!.joined,
      apps[1]!.get(TrajectoryConsumer).consumer!.joined,
      signals.get(SignalConsumer).consumer!.joined,
      signals.get(DeliveryService).notifyConsumer!.joined,
    ]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await alerts?.stop();
    for (const app of apps.reverse()) await app.close();
    hook?.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  it('raises WACHTTIJD_GEEN_START for a toewijzing without start, delivers it signed, and resolves it when the start arrives', async () => {
    const secret = 'webhook-secret-of-gemeente-0034';
    const subscribed = await api('/api/v1/webhooks', worker(), {
      method: 'PUT',
      body: JSON.stringify({ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, secret, mode: 'direct' }),
    });
    expect(subscribed.status).toBe(200);

    const bsn = testBsn(Math.floor(Math.random() * 1e7) + 60_000_000);
    const nummer = String(20_000_000 + Math.floor(Math.random() * 9_999_999));
    const ingangsdatum = addDays(today, -40);
    const common = {
      gemeente: GEMEENTE,
      aanbieder: AANBIEDER,
      client: { bsn, geboortedatum: '2012-01-01' },
      toewijzingNummer: nummer,
      product: { categorie: '45', code: '45A01' },
    };
    await send({ ...common, berichtcode: 'JW301', berichtId: `${run}-1`, ingangsdatum, einddatum: addDays(today, 200) }, worker());

    const raised = await waitFor(async () =>
      alerts.messages.find(
        (m) => m.value.includes('"AlertRaised"') && m.value.includes(`${GEMEENTE}-${nummer}`) && m.value.includes('WACHTTIJD_GEEN_START'),
      ),
    );
    const alert = decodeAlertEvent(raised.value).alert;
    expect(raised.value).not.toContain(bsn);

    const listed = (await (await api(`/api/v1/alerts?rule=WACHTTIJD_GEEN_START&status=open`, worker())).json()) as AlertBody[];
    expect(listed.map((a) => a.id)).toContain(alert.id);
    expect((await api(`/api/v1/alerts?gemeente=0995`, worker())).status).toBe(403);
    expect((await api(`/api/v1/alerts/${alert.id}`, token({ role: 'toegang', gemeente: '0995', sub: 'x' }))).status).toBe(404);
    expect((await api(`/api/v1/alerts`, token({ role: 'regio', regio: 'f', gemeenten: [GEMEENTE], sub: 'r' }))).status).toBe(403);
    // the provider sees this data-quality alert too (it is addressed to the aanbieder)
    const providerView = (await (
      await api(`/api/v1/alerts?rule=WACHTTIJD_GEEN_START`, token({ role: 'aanbieder', agb: AANBIEDER, sub: 'p' }))
    ).json()) as AlertBody[];
    expect(providerView.map((a) => a.id)).toContain(alert.id);

    const delivered = await waitFor(async () => received.find((r) => r.body.includes(alert.id)));
    expect(delivered.signature).toBe(sign(delivered.body, secret));
    expect(delivered.body).not.toContain(bsn);
    expect(JSON.parse(delivered.body)).toMatchObject({
      kind: 'alert',
      alertId: alert.id,
      ruleId: 'WACHTTIJD_GEEN_START',
      clientReferentie: alert.clientPseudonym,
    });

    // acknowledge, then the start arrives: the situation ends and the alert resolves itself
    const ack = await api(`/api/v1/alerts/${alert.id}/acknowledge`, worker(), { method: 'POST', body: '{}' });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as AlertBody).status).toBe('acknowledged');
    await send(
      { ...common, berichtcode: 'JW305', berichtId: `${run}-2`, begindatum: addDays(today, -2) },
      token({ role: 'aanbieder', agb: AANBIEDER, sub: 'p' }),
    );
    await waitFor(async () => alerts.messages.find((m) => m.value.includes('"AlertResolved"') && m.value.includes(alert.id)));
    const after = (await (await api(`/api/v1/alerts/${alert.id}`, worker())).json()) as AlertBody;
    expect(after).toMatchObject({ status: 'resolved', closeReason: 'situatie beëindigd' });
    // resolved is final
    expect(
      (await api(`/api/v1/alerts/${alert.id}/dismiss`, worker(), { method: 'POST', body: JSON.stringify({ reason: 'x' }) })).status,
    ).toBe(409);
  });

  it('dismisses only with a reason, dead-letters a webhook that keeps failing, and replays it', async () => {
    const bsn = testBsn(Math.floor(Math.random() * 1e7) + 70_000_000);
    const nummer = String(30_000_000 + Math.floor(Math.random() * 9_999_999));
    failHook = true;
    await send(
      {
        gemeente: GEMEENTE,
        aanbieder: AANBIEDER,
        client: { bsn, geboortedatum: '2011-01-01' },
        toewijzingNummer: nummer,
        product: { categorie: '45', code: '45A01' },
        berichtcode: 'JW301',
        berichtId: `${run}-3`,
        ingangsdatum: addDays(today, -60),
        einddatum: addDays(today, 100),
      },
      worker(),
    );
    const raised = await waitFor(async () =>
      alerts.messages.find((m) => m.value.includes('"AlertRaised"') && m.value.includes(`${GEMEENTE}-${nummer}`)),
    );
    const alert = decodeAlertEvent(raised.value).alert;

    const dead = await waitFor(async () => {
      const list = (await (await api('/api/v1/webhooks/dead-letters', worker())).json()) as {
        id: string;
        payload: { alertId?: string };
        attempts: number;
      }[];
      return list.find((d) => d.payload.alertId === alert.id);
    });
    expect(dead.attempts).toBe(2);
    failHook = false;
    expect((await api(`/api/v1/webhooks/dead-letters/${dead.id}/replay`, worker(), { method: 'POST' })).status).toBe(202);
    await waitFor(async () => received.find((r) => r.body.includes(alert.id)));

    expect((await api(`/api/v1/alerts/${alert.id}/dismiss`, worker(), { method: 'POST', body: '{}' })).status).toBe(400);
    const dismissed = await api(`/api/v1/alerts/${alert.id}/dismiss`, worker(), {
      method: 'POST',
      body: JSON.stringify({ reason: 'bekend bij het team, wachtlijst aanbieder' }),
    });
    expect(dismissed.status).toBe(200);
    expect(((await dismissed.json()) as AlertBody).status).toBe('dismissed');
    await waitFor(async () => alerts.messages.find((m) => m.value.includes('"AlertDismissed"') && m.value.includes(alert.id)));
  });

  it(
    'dead-letters a trajectory event and an alert record that do not fit their contracts, ' +
      'with the field named (and goes on: the next test)',
    async () => {
      const dlq = await collectTopics(kafka, [TOPICS.deadLetter]);
      try {
        const at = new Date().toISOString();
        const event = JSON.stringify({
          eventId: `${run}-x`,
          type: 'TrajectoryStarted',
          trajectoryId: `${GEMEENTE}-1`,
          clientPseudonym: `${run}-p`,
          gemeente: GEMEENTE,
          aanbieder: AANBIEDER,
          effectiveDate: today,
          facts: {},
          occurredAt: at,
        });
        const alert = JSON.stringify({ type: 'AlertRaised', at, alert: { id: `${run}-A` } });
        await producer.send({ topic: TOPICS.trajectoryEvents, acks: -1, messages: [{ key: `${run}-p`, value: event }] });
        await producer.send({ topic: TOPICS.alerts, acks: -1, messages: [{ key: `${run}-A`, value: alert }] });
        const deadEvent = await waitFor(async () =>
          dlq.messages.find((m) => m.headers['dlq-source-topic'] === TOPICS.trajectoryEvents && m.value === event),
        );
        expect(deadEvent.headers['dlq-error']).toBe('trajectory.events.v1: field trajectory must be an object (got nothing)');
        expect(decodeDeadLetter(deadEvent.headers)).toMatchObject({
          sourceTopic: TOPICS.trajectoryEvents,
          consumerGroup: process.env.SIGNAL_GROUP_ID,
          attempts: config.consumerRetryBudget,
        });
        const deadAlert = await waitFor(async () =>
          dlq.messages.find((m) => m.headers['dlq-source-topic'] === TOPICS.alerts && m.value === alert),
        );
        expect(deadAlert.headers['dlq-error']).toMatch(
          /^alerts\.v1: field alert\.ruleId must be one of "WACHTTIJD_GEEN_START", .* \(got nothing\)$/,
        );
        expect(decodeDeadLetter(deadAlert.headers)).toMatchObject({
          sourceTopic: TOPICS.alerts,
          consumerGroup: process.env.NOTIFY_GROUP_ID,
          attempts: config.consumerRetryBudget,
        });
      } finally {
        await dlq.stop();
      }
    },
  );

  it('sends a daily digest instead of one call per alert when the team asks for it', async () => {
    const secret = 'digest-secret-of-gemeente-0034';
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/digest`;
    expect(
      (
        await api('/api/v1/webhooks', worker(), {
          method: 'PUT',
          body: JSON.stringify({ url: hookUrl, secret, mode: 'digest', digestHour: 7 }),
        })
      ).status,
    ).toBe(200);
    const delivery = signals.get(DeliveryService);
    expect((await delivery.schedules.getJobSchedulers()).map((s) => s.key)).toContain(`digest-${GEMEENTE}`);

    const bsn = testBsn(Math.floor(Math.random() * 1e7) + 75_000_000);
    const nummer = String(40_000_000 + Math.floor(Math.random() * 9_999_999));
    await send(
      {
        gemeente: GEMEENTE,
        aanbieder: AANBIEDER,
        client: { bsn, geboortedatum: '2013-01-01' },
        toewijzingNummer: nummer,
        product: { categorie: '45', code: '45A01' },
        berichtcode: 'JW301',
        berichtId: `${run}-4`,
        ingangsdatum: addDays(today, -50),
        einddatum: addDays(today, 100),
      },
      worker(),
    );
    const raised = await waitFor(async () =>
      alerts.messages.find((m) => m.value.includes('"AlertRaised"') && m.value.includes(`${GEMEENTE}-${nummer}`)),
    );
    const alertId = decodeAlertEvent(raised.value).alert.id;
    await new Promise((r) => setTimeout(r, 1000));
    expect(received.some((r) => r.body.includes(alertId))).toBe(false); // no direct call in digest mode

    expect(await delivery.sendDigest(GEMEENTE)).toBeGreaterThanOrEqual(1);
    const digest = await waitFor(async () => received.find((r) => r.body.includes('"kind":"digest"') && r.body.includes(alertId)));
    expect(digest.signature).toBe(sign(digest.body, secret));
    expect(digest.body).not.toContain(bsn);
    expect(await delivery.sendDigest(GEMEENTE)).toBe(0); // each alert once
  });
});
