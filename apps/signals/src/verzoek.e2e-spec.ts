import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { addDays, dutchDate, pseudonymiseBsn } from '@trajectwacht/ijw';
import { TOPICS, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { decodeAlertEvent, decodeRetour } from '@trajectwacht/contracts';
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
import { ijwPayload } from '../../../test/support/ijw';
import { createIngestApp } from '../../ingest/src/app';
import { IngestConsumer } from '../../ingest/src/ingest.consumer';
import { createTrajectoryApp } from '../../trajectory/src/app';
import { rebuild } from '../../trajectory/src/rebuild';
import { TrajectoryConsumer } from '../../trajectory/src/trajectory.consumer';
import { createSignalsApp } from './app';
import { SignalConsumer } from './signal.consumer';

interface AlertBody {
  id: string;
  ruleId: string;
  status: string;
  gemeente: string;
  recipients: string[];
  clientPseudonym: string;
  closeReason: string | null;
  facts: Record<string, unknown>;
}
interface Keten {
  verzoek: { id: string; status: string; ontvangen: string; beantwoordOp: string | null; inOnderzoekOp: string | null; verwijzer: unknown };
  toewijzingen: { trajectoryId: string; toegewezenOp: string | null; ingangsdatum: string | null; begindatum: string | null }[];
  wachtdagen: Record<string, number | null>;
}

/**
 * Issue 17 end to end with the real services on Kafka and PostgreSQL: a JW315 published as XML on ijw.berichten.v1
 * (its record time ten days ago: the platform's business clock follows the record time, as in a replay) → the retour
 * JW316 on ijw.retour.v1 → the verzoek in the trajectory API → VERZOEK_ONBEANTWOORD raised by the signal service's
 * timer, addressed to the toegang (the term: 5 working days after receipt) → the JW319 "in onderzoek" resolves it →
 * the JW301 carrying its ReferentieAanbieder and the JW305 give the chain verzoek → toewijzing → start in the API →
 * `rebuild` replays the verzoeken into fresh tables with the same content hash.
 */
describe('the request side end to end: JW315 → JW316 → chain in the API → signal after the term → resolved', () => {
  const GEMEENTE = '0034';
  const AANBIEDER = '98100001';
  const VOT = join(__dirname, '../../../test/conformance/jw315/history/VOT-1');
  const schema = uniqueName('e2evot');
  const rebuildSchema = uniqueName('rbvot');
  const run = uniqueName('v').replace(/_/g, '').slice(-8).toUpperCase();
  const kafka = testKafka();
  let config: PlatformConfig;
  const apps: INestApplication[] = [];
  let trajectoryUrl: string;
  let signalsUrl: string;
  let producer: Producer;
  let collected: { messages: Collected[]; stop: () => Promise<void> };
  let restoreEnv: (() => void) | undefined;
  const today = dutchDate(new Date());
  const tienDagenGeleden = addDays(today, -10);
  const bsn = testBsn(Math.floor(Math.random() * 1e7) + 61_000_000);
  const referentie = `VOT-${run}`;
  const nummer = String(30_000_000 + Math.floor(Math.random() * 60_000_000));

  const token = (p: Parameters<typeof issueToken>[0]) => issueToken(p, config.authSecret);
  const call = (base: string, path: string, bearer: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  const xml = (file: string, replace: [string | RegExp, string][]): string =>
    replace.reduce((text, [from, to]) => text.replace(from, to), readFileSync(join(VOT, file), 'utf8'));
  const send = (value: string, bearer: string, at = Date.now()) =>
    producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [{ key: 'k', value, timestamp: String(at), headers: { authorization: `Bearer ${bearer}` } }],
    });
  const common = (identificatie: string, dagtekening: string): [RegExp, string][] => [
    [/<ijw:Identificatie>[^<]*</, `<ijw:Identificatie>${identificatie}<`],
    [/<ijw:Dagtekening>[^<]*</, `<ijw:Dagtekening>${dagtekening}<`],
    [/VOT-H04/g, referentie],
    [/999900006/g, bsn],
  ];

  beforeAll(async () => {
    restoreEnv = isolateServices({ TIMER_SWEEP_INTERVAL_MS: '500' });
    config = testConfig();
    collected = await collectTopics(kafka, [TOPICS.retour, TOPICS.alerts]);
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
    ]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await collected?.stop();
    for (const app of apps.reverse()) await app.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
    await dropSchema(await freshDatabase(rebuildSchema));
  });

  it('JW315 → JW316 → verzoek in the API → VERZOEK_ONBEANTWOORD → resolved by the JW319 → JW301 + JW305: the chain → rebuild', async () => {
    const worker = token({ role: 'toegang', gemeente: GEMEENTE, sub: 'worker-vot' });
    const provider = token({ role: 'aanbieder', agb: AANBIEDER, sub: 'provider-vot' });
    const pseudonym = pseudonymiseBsn(bsn, config.pseudonymSecret);
    const tienDagenGeledenMs = Date.parse(`${tienDagenGeleden}T09:00:00Z`);

    // 1. the JW315, received ten days ago (record time), answered with its JW316
    await send(xml('01-verzoek.xml', common(`VT${run}`, tienDagenGeleden)), provider, tienDagenGeledenMs);
    const retour = await waitFor(async () =>
      collected.messages
        .map((m) => (m.topic === TOPICS.retour ? decodeRetour(m.value) : null))
        .find((r) => r?.identificatie === `VT${run}`),
    );
    expect(retour).toMatchObject({
      status: 'geaccepteerd',
      retourSoort: 'JW316',
      berichtcode: 'JW315',
      afzender: `aanbieder:${AANBIEDER}`,
    });
    expect(retour.retourXml).toContain('<jw316:BerichtCode>447</jw316:BerichtCode>');

    // 2. the verzoek in the API (the child's own gemeente and the aanbieder see it, another gemeente or aanbieder does not)
    const verzoeken = async (bearer: string): Promise<{ status: number; body: { verzoeken: Keten[] } | null }> => {
      const res = await call(trajectoryUrl, `/api/v1/pseudoniemen/${pseudonym}/verzoeken`, bearer);
      return { status: res.status, body: res.status === 200 ? ((await res.json()) as { verzoeken: Keten[] }) : null };
    };
    const eerst = await waitFor(async () => (await verzoeken(worker)).body);
    expect(eerst.verzoeken).toHaveLength(1);
    expect(eerst.verzoeken[0]!.verzoek).toMatchObject({
      id: `${GEMEENTE}|${AANBIEDER}|${referentie}`,
      status: 'ontvangen',
      ontvangen: tienDagenGeleden,
      beantwoordOp: null,
      verwijzer: { type: '02', zorgverlenerCode: '01234567' },
    });
    expect((await verzoeken(provider)).status).toBe(200);
    expect((await verzoeken(token({ role: 'toegang', gemeente: '0995', sub: 'other' }))).status).toBe(404);
    expect((await verzoeken(token({ role: 'aanbieder', agb: '12345678', sub: 'other' }))).status).toBe(404);
    expect((await verzoeken(token({ role: 'regio', regio: 'flevoland', gemeenten: [GEMEENTE], sub: 'regio' }))).status).toBe(403);

    // 3. five working days have passed: the timer raises VERZOEK_ONBEANTWOORD for the toegang of the gemeente
    const alert = await waitFor(async () => {
      const res = await call(signalsUrl, `/api/v1/alerts?rule=VERZOEK_ONBEANTWOORD`, worker);
      const list = res.status === 200 ? ((await res.json()) as AlertBody[]) : [];
      return list.find((a) => a.clientPseudonym === pseudonym && a.status === 'open');
    }, 60_000);
    expect(alert).toMatchObject({ gemeente: GEMEENTE, recipients: ['toegang'] });
    expect(alert.facts).toMatchObject({ fase: 'antwoord', ontvangen: tienDagenGeleden, referentieAanbieder: referentie, soort: 'JW315' });

    // 4. the JW319 "aanvraag in onderzoek" (now) answers it: resolved
    await send(xml('02-in-onderzoek.xml', common(`AW${run}`, today)), worker);
    const resolved = await waitFor(async () => {
      const res = await call(signalsUrl, `/api/v1/alerts/${alert.id}`, worker);
      const a = res.status === 200 ? ((await res.json()) as AlertBody) : undefined;
      return a?.status === 'resolved' ? a : undefined;
    }, 30_000);
    expect(resolved.closeReason).toBe('situatie beëindigd');
    await waitFor(async () =>
      collected.messages.some((m) => m.key === alert.id && m.topic === TOPICS.alerts && decodeAlertEvent(m.value).type === 'AlertResolved'),
    );

    // 5. the JW301 with the ReferentieAanbieder, then the start: the chain verzoek → toewijzing → start
    const ingang = addDays(today, -2);
    await send(
      xml('03-toewijzing.xml', [
        ...common(`TW${run}`, today),
        [/<jw301:ToewijzingNummer>300241</, `<jw301:ToewijzingNummer>${nummer}<`],
        [/<jw301:Toewijzingsdatum>[^<]*</, `<jw301:Toewijzingsdatum>${today}<`],
        [/<jw301:Ingangsdatum>[^<]*</, `<jw301:Ingangsdatum>${ingang}<`],
      ]),
      worker,
    );
    await send(
      ijwPayload({
        berichtcode: 'JW305',
        berichtId: `ST${run}`,
        identificatie: `ST${run}`,
        gemeente: GEMEENTE,
        aanbieder: AANBIEDER,
        client: { bsn, geboortedatum: '2012-05-14' },
        toewijzingNummer: nummer,
        product: { categorie: '45', code: '45A01' },
        begindatum: today,
        dagtekening: today,
      }),
      provider,
    );
    const keten = await waitFor(async () => {
      const k = (await verzoeken(worker)).body?.verzoeken[0];
      return k?.toewijzingen[0]?.begindatum ? k : undefined;
    }, 60_000);
    expect(keten.verzoek).toMatchObject({ status: 'toegewezen', inOnderzoekOp: today, beantwoordOp: today });
    expect(keten.toewijzingen).toEqual([
      expect.objectContaining({ trajectoryId: `${GEMEENTE}-${nummer}`, toegewezenOp: today, ingangsdatum: ingang, begindatum: today }),
    ]);
    expect(keten.wachtdagen).toEqual({ verzoekToewijzing: 10, toewijzingStart: 2, verzoekStart: 10 });
    expect(((await (await call(signalsUrl, `/api/v1/alerts/${alert.id}`, worker)).json()) as AlertBody).status).toBe('resolved');

    // 6. npm run rebuild replays the verzoeken too: the same verzoek table
    const result = await rebuild(config, rebuildSchema, schema, TOPICS.geaccepteerd, null);
    expect(result.verzoeken.rebuilt.count).toBeGreaterThanOrEqual(1);
    const rebuilt = await freshDatabase(rebuildSchema);
    const live = await freshDatabase(schema);
    try {
      const mine = `SELECT state FROM verzoek WHERE client_pseudonym = $1`;
      expect(await rebuilt.query(mine, [pseudonym])).toEqual(await live.query(mine, [pseudonym]));
    } finally {
      await rebuilt.destroy();
      await live.destroy();
    }
  }, 240_000);
});
