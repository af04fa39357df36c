import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { addDays, dutchDate } from '@trajectwacht/ijw';
import { DATA_SOURCE, TOPICS, issueToken, type Principal } from '@trajectwacht/platform';
import { createIngestApp } from '../../apps/ingest/src/app';
import { IngestConsumer } from '../../apps/ingest/src/ingest.consumer';
import { createMonitorApp } from '../../apps/monitor/src/app';
import { LiveStream } from '../../apps/monitor/src/live-stream';
import { hashPassword } from '../../apps/monitor/src/users';
import { createSignalsApp } from '../../apps/signals/src/app';
import { DeliveryService } from '../../apps/signals/src/delivery.service';
import { SignalConsumer } from '../../apps/signals/src/signal.consumer';
import { createTrajectoryApp } from '../../apps/trajectory/src/app';
import { TrajectoryConsumer } from '../../apps/trajectory/src/trajectory.consumer';
import { testBsn } from '../support/bsn';
import { collectTopics, dropSchema, freshDatabase, isolateServices, testConfig, testKafka, uniqueName, waitFor } from '../support/infra';
import { ijwPayload, type FlatBericht } from '../support/ijw';
import { array, decodeRetour, decodeWith, nullable, number, object, record } from '@trajectwacht/contracts';

/** What this spec reads of the indicators answer. */
const INDICATOR_TOTALS = object({ result: object({ rows: array(object({ indicators: record(object({ value: nullable(number) })) })) }) });

/**
 * Privacy scan: after real traffic through ingest → trajectory → signals → monitor (iJw 3.2 berichten in XML: accepted
 * ones, ones refused by a rule within the bericht, against the history and by their structure, unreadable payloads,
 * and the alerts they cause), no BSN of the test data appears on any internal topic (ijw.geaccepteerd.v1,
 * trajectory.events.v1, alerts.v1, deadletter.v1), in any table, in any log line, in any alert, in any webhook
 * notification (direct and daily digest), nor in anything the dashboard shows: the live stream, the indicators per
 * grouping and their CSV export, the inbox, the provider's message overview, the child's timeline.
 *
 * ijw.retour.v1 faces the senders, like ijw.berichten.v1: a retour bericht that reports a problem in the client's
 * classes copies them, BSN included, as the standard prescribes (regels/invulinstructies/invulinstructie_IV028.md).
 * So there a BSN may appear only as the text of a retour bericht's `<…:Bsn>` element, in a record addressed (key and
 * afzender) to the sender who sent that BSN; never in the Dutch explanations, the foutmelding or anywhere else.
 */
describe('privacy: no BSN outside what the sender itself sent and gets back', () => {
  it('finds none of the published BSNs on internal topics, in the database, the logs, the webhooks or the dashboard', async () => {
    // the test's webhook listens on loopback: allowed explicitly (the address policy refuses it by default)
    const config = testConfig({ http: { ...testConfig().http!, webhookAllowedHosts: ['127.0.0.1'] } });
    const schema = uniqueName('privacy');
    const restoreEnv = isolateServices({ LOG_LEVEL: 'debug', WEBHOOK_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '100' });
    const logged: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array) => (logged.push(String(chunk)), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (logged.push(String(chunk)), true)) as typeof process.stderr.write;
    const apps: INestApplication[] = [];
    const kafka = testKafka();
    const producer = kafka.producer();
    const run = uniqueName('p').replace(/_/g, '');
    const bsns = Array.from({ length: 12 }, (_, i) => testBsn(80_000_000 + Math.floor(Math.random() * 1e6) + i * 1000));
    // two gemeenten: 0034 takes every alert at once (direct webhook), 0995 the daily digest
    const GEMEENTEN = ['0034', '0995'] as const;
    const AANBIEDER = '12345678';
    const webhooks: string[] = [];
    const hook: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => (webhooks.push(body), res.writeHead(204).end()));
    });
    const stream = { text: '', events: 0 };
    const abort = new AbortController();
    try {
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
      const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      const urls: string[] = [];
      for (const create of [createIngestApp, createTrajectoryApp, createSignalsApp]) {
        const app = await create({ config, schema });
        await app.listen(0, '127.0.0.1');
        apps.push(app);
        urls.push((await app.getUrl()).replace('[::1]', '127.0.0.1'));
      }
      const users = [
        {
          username: 'regio',
          passwordHash: hashPassword('privacy-wachtwoord'),
          principal: { role: 'regio', regio: 'flevoland', gemeenten: [...GEMEENTEN], sub: 'regio' } as Principal,
        },
      ];
      // minCount 1: nothing suppressed, so every aggregate the dashboard can show is actually in the answers scanned
      const monitor = await createMonitorApp({
        config,
        schema,
        settings: { users, minCount: 1, signalsUrl: urls[2]!, trajectoryUrl: urls[1]! },
      });
      await monitor.listen(0, '127.0.0.1');
      apps.push(monitor);
      const monitorUrl = (await monitor.getUrl()).replace('[::1]', '127.0.0.1');
      const [ingest, trajectory, signals] = apps as [INestApplication, INestApplication, INestApplication];
      await Promise.all([
        ingest.get(IngestConsumer).consumer!.joined,
        trajectory.get(TrajectoryConsumer).consumer!.joined,
        signals.get(SignalConsumer).consumer!.joined,
        signals.get(DeliveryService).notifyConsumer!.joined,
        monitor.get(LiveStream).joined,
      ]);

      const token = (p: Principal) => issueToken(p, config.authSecret);
      const toegang = (gemeente: string) => token({ role: 'toegang', gemeente, sub: `team-${gemeente}` });
      const aanbieder = token({ role: 'aanbieder', agb: AANBIEDER, sub: 'p' });
      const api = (path: string, bearer: string, init: RequestInit = {}) =>
        fetch(`${monitorUrl}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
        });
      for (const [gemeente, mode] of [
        ['0034', 'direct'],
        ['0995', 'digest'],
      ] as const) {
        const res = await api('/api/v1/webhooks', toegang(gemeente), {
          method: 'PUT',
          body: JSON.stringify({ url: hookUrl, secret: `privacy-webhook-secret-${gemeente}`, mode }),
        });
        expect(res.status).toBe(200);
      }
      // the dashboard is open (logged in, live stream connected) while the traffic flows
      const login = await fetch(`${monitorUrl}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'regio', password: 'privacy-wachtwoord' }),
      });
      const regio = ((await login.json()) as { token: string }).token;
      const sse = await fetch(`${monitorUrl}/api/v1/stream`, { headers: { authorization: `Bearer ${regio}` }, signal: abort.signal });
      expect(sse.status).toBe(200);
      const reading = (async () => {
        const decoder = new TextDecoder();
        for await (const chunk of sse.body as unknown as AsyncIterable<Uint8Array>) {
          const text = decoder.decode(chunk, { stream: true });
          stream.text += text;
          stream.events += (text.match(/^event: pathway$/gm) ?? []).length;
        }
      })().catch(() => undefined);

      await producer.connect();
      const retouren = await collectTopics(kafka, [TOPICS.retour]);
      const today = dutchDate(new Date());
      /** Which sender (afzender id, as ijw.retour.v1 names it) sent which BSN, in any payload. */
      const sentBy = new Map<string, Set<string>>();
      let payloads = 0;
      const record = (afzender: string, bsn: string, value: string, bearer: string) => {
        sentBy.set(bsn, (sentBy.get(bsn) ?? new Set()).add(afzender));
        payloads++;
        return { key: afzender, value, headers: { authorization: `Bearer ${bearer}` } };
      };
      const product = { categorie: '45', code: '45A01' };
      const flat = (i: number, bsn: string, fields: Record<string, unknown>): FlatBericht => ({
        gemeente: GEMEENTEN[i % 2]!,
        aanbieder: AANBIEDER,
        client: { bsn, geboortedatum: '2010-02-02' },
        toewijzingNummer: String(70_000_000 + i),
        product,
        berichtcode: 'JW301',
        berichtId: '',
        ...fields,
      });
      const messages = bsns.flatMap((bsn, i) => {
        const gemeente = GEMEENTEN[i % 2]!;
        const send = (value: string) => record(`gemeente:${gemeente}`, bsn, value, toegang(gemeente));
        const valid = ijwPayload(flat(i, bsn, { berichtId: `${run}-${i}`, ingangsdatum: addDays(today, -40) }));
        return [
          // accepted, and old enough to raise WACHTTIJD_GEEN_START
          send(valid),
          // refused within the bericht (controleniveau 2, CS003: einddatum before ingangsdatum): a retour with 0001
          send(
            ijwPayload(
              flat(i, bsn, {
                berichtId: `${run}-cs-${i}`,
                toewijzingNummer: String(71_000_000 + i),
                ingangsdatum: addDays(today, -10),
                einddatum: addDays(today, -20),
              }),
            ),
          ),
          // not following the XSD (an Ingangsdatum that is no date): a foutmelding, which must not quote the BSN
          send(
            ijwPayload(
              flat(i, bsn, { berichtId: `${run}-bad-${i}`, toewijzingNummer: String(72_000_000 + i), ingangsdatum: addDays(today, -5) }),
            ).replace(/(<[\w.-]+:Ingangsdatum>)[^<]*/, '$1gisteren'),
          ),
          // unreadable XML and JSON that contain the BSN
          send(valid.slice(0, valid.indexOf(bsn) + bsn.length + 40)),
          send(`{"client":{"bsn":"${bsn}"`),
        ];
      });
      // a third of the children also started, by the provider, 20 days ago (a started trajectory in every aggregate)
      const starts = bsns
        .slice(0, 4)
        .map((bsn, i) =>
          record(
            `aanbieder:${AANBIEDER}`,
            bsn,
            ijwPayload(flat(i, bsn, { berichtcode: 'JW305', berichtId: `${run}-start-${i}`, begindatum: addDays(today, -20) })),
            aanbieder,
          ),
        );
      // refused against the history (controleniveau 3), so the retour copies the client's classes with the BSN:
      // a known toewijzingnummer for another product (TR332, 9332) by the gemeente, a stop without a start (TR382, 9069) by the provider
      const conflicts = bsns.slice(4, 8).map((bsn, j) => {
        const i = j + 4;
        return record(
          `gemeente:${GEMEENTEN[i % 2]}`,
          bsn,
          ijwPayload(
            flat(i, bsn, { berichtId: `${run}-332-${i}`, product: { categorie: '54', code: '54001' }, ingangsdatum: addDays(today, -30) }),
          ),
          toegang(GEMEENTEN[i % 2]!),
        );
      });
      const stops = bsns.slice(8, 10).map((bsn, j) => {
        const i = j + 8;
        return record(
          `aanbieder:${AANBIEDER}`,
          bsn,
          ijwPayload(
            flat(i, bsn, {
              berichtcode: 'JW307',
              berichtId: `${run}-382-${i}`,
              begindatum: addDays(today, -30),
              einddatum: addDays(today, -3),
              redenBeeindiging: '31',
            }),
          ),
          aanbieder,
        );
      });
      await producer.send({ topic: TOPICS.berichten, acks: -1, messages });
      const ds = ingest.get<DataSource>(DATA_SOURCE);
      await waitFor(
        async () => Number((await ds.query(`SELECT count(*) AS n FROM alert WHERE rule_id = 'WACHTTIJD_GEEN_START'`))[0].n) >= bsns.length,
        60_000,
      );
      await producer.send({ topic: TOPICS.berichten, acks: -1, messages: [...starts, ...conflicts, ...stops] });
      await waitFor(
        async () => Number((await ds.query(`SELECT count(*) AS n FROM trajectory WHERE status = 'gestart'`))[0].n) >= starts.length,
        60_000,
      );
      // every payload has its record on ijw.retour.v1 (accepted or refused; none is held)
      await waitFor(async () => retouren.messages.length >= payloads, 60_000);
      await retouren.stop();

      // webhooks: every alert of 0034 at once, then the daily digest of 0995 (the job the 07:00 scheduler runs)
      await waitFor(async () => webhooks.filter((w) => w.includes('"kind":"alert"')).length >= bsns.length / 2, 60_000);
      expect(await signals.get(DeliveryService).sendDigest('0995')).toBeGreaterThan(0); // its open alerts (started ones resolved)
      await waitFor(async () => webhooks.find((w) => w.includes('"kind":"digest"')), 30_000);

      // everything the dashboard shows: aggregates per grouping, their CSV export, the inbox, the provider's
      // messages, the live stream, a child's timeline (by pseudonym, as the inbox links it)
      let dashboardText = '';
      const show = async (path: string, bearer: string): Promise<string> => {
        const res = await api(path, bearer);
        const text = await res.text();
        expect([path, res.status]).toEqual([path, 200]);
        dashboardText += `${text}\n`;
        return text;
      };
      const totals = decodeWith(
        'GET /api/v1/indicators',
        INDICATOR_TOTALS,
        JSON.parse(await show('/api/v1/indicators?groupBy=totaal', regio)),
      );
      expect(totals.result.rows[0]!.indicators.instroom!.value).toBeGreaterThanOrEqual(starts.length);
      for (const groupBy of ['gemeente', 'aanbieder', 'intensiteit', 'totaal']) {
        await show(`/api/v1/indicators?groupBy=${groupBy}`, regio);
        await show(`/api/v1/indicators.csv?groupBy=${groupBy}`, regio);
      }
      for (const gemeente of GEMEENTEN) await show('/api/v1/alerts?status=open%2Cacknowledged&limit=1000', toegang(gemeente));
      await show('/api/v1/aanbieder/berichten?limit=1000', aanbieder);
      const [{ client_pseudonym: pseudonym, gemeente: of }] = (await ds.query(
        `SELECT client_pseudonym, gemeente FROM trajectory LIMIT 1`,
      )) as { client_pseudonym: string; gemeente: string }[];
      await show(`/api/v1/pseudoniemen/${pseudonym}/trajecten`, toegang(of!));
      await waitFor(async () => stream.events >= bsns.length, 30_000);
      abort.abort();
      await reading;

      // every table of the schema, as text
      const tables: { table_name: string }[] = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [
        schema,
      ]);
      let dbText = '';
      for (const { table_name } of tables) {
        const rows: { t: string }[] = await ds.query(`SELECT row_to_json(x)::text AS t FROM "${table_name}" x`);
        dbText += rows.map((r) => r.t).join('\n');
      }
      // every internal topic, from the beginning
      const internal = [TOPICS.geaccepteerd, TOPICS.trajectoryEvents, TOPICS.alerts, TOPICS.deadLetter];
      const admin = kafka.admin();
      await admin.connect();
      const ends = new Map<string, number>();
      for (const topic of internal)
        for (const o of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${o.partition}`, Number(o.high));
      await admin.disconnect();
      const pending = new Set([...ends.entries()].filter(([, high]) => high > 0).map(([k]) => k));
      let topicText = '';
      let records = 0;
      const consumer = kafka.consumer({ groupId: uniqueName('scan'), maxWaitTimeInMs: 50 });
      await consumer.connect();
      await consumer.subscribe({ topics: internal, fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        if (pending.size === 0) resolve();
        void consumer.run({
          eachMessage: async ({ topic, partition, message }) => {
            records++;
            topicText += `${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''} ${JSON.stringify(message.headers ?? {})}\n`;
            if (Number(message.offset) + 1 >= (ends.get(`${topic}:${partition}`) ?? 0)) pending.delete(`${topic}:${partition}`);
            if (pending.size === 0) resolve();
          },
        });
      });
      await done;
      await consumer.disconnect();

      // ijw.retour.v1: a BSN only as the Bsn of a retour bericht, to the sender that sent it
      const retourFindings: string[] = [];
      let retoursWithBsn = 0;
      const decisions: Record<string, number> = {};
      for (const m of retouren.messages) {
        const r = decodeRetour(m.value);
        const label = `${r.afzender} ${r.type} ${r.status} ${r.retourSoort ?? ''}`;
        const decision =
          r.type === 'foutmelding' ? 'foutmelding' : `${r.status}:${r.toelichtingen.map((t) => t.retourcode).join('+') || '-'}`;
        decisions[decision] = (decisions[decision] ?? 0) + 1;
        if (m.key !== r.afzender) retourFindings.push(`${label}: record key ${m.key} is not its afzender`);
        let stripped = r.retourXml ?? '';
        let copied = 0;
        stripped = stripped.replace(/<([\w.-]+:)?Bsn>\s*([0-9]{9})\s*<\/\1?Bsn>/g, (_all, _prefix: string | undefined, value: string) => {
          if (bsns.includes(value)) {
            copied++;
            if (!sentBy.get(value)?.has(r.afzender)) retourFindings.push(`${label}: the Bsn ${value.slice(0, 2)}… of another sender`);
          }
          return '<Bsn/>';
        });
        if (copied > 0) retoursWithBsn++;
        const rest = `${m.key ?? ''} ${JSON.stringify({ ...r, retourXml: stripped })} ${JSON.stringify(m.headers)}`;
        for (const bsn of bsns)
          if (rest.includes(bsn)) retourFindings.push(`${label}: BSN ${bsn.slice(0, 2)}… outside the retour bericht's Bsn`);
      }
      const logText = logged.join('');
      const webhookText = webhooks.join('\n');
      const places = {
        database: dbText,
        topics: topicText,
        logs: logText,
        webhooks: webhookText,
        dashboard: dashboardText,
        'live stream': stream.text,
      };
      const found = Object.entries(places).flatMap(([where, text]) =>
        bsns.filter((bsn) => text.includes(bsn)).map((bsn) => `${where}: ${bsn.slice(0, 2)}…`),
      );
      // the scan saw real content everywhere
      expect(records).toBeGreaterThan(bsns.length * 2);
      expect(dbText.length).toBeGreaterThan(1000);
      // the BSN store (issue 18.3; scanned with every table above) was written, one encrypted row per child of an
      // accepted JW301, and holds no BSN in clear nor merely encoded
      const stored: { pseudonym: string; bsn_encrypted: string }[] = await ds.query(`SELECT pseudonym, bsn_encrypted FROM client_bsn`);
      expect(stored.length).toBeGreaterThanOrEqual(bsns.length);
      expect(stored.filter((r) => !/^b1\.[\w-]+\.[\w-]+\.[\w-]+$/.test(r.bsn_encrypted))).toEqual([]);
      const storeText = JSON.stringify(stored);
      const encodings = (bsn: string) => [bsn, Buffer.from(bsn).toString('base64'), Buffer.from(bsn).toString('base64url')];
      expect(bsns.filter((bsn) => encodings(bsn).some((e) => storeText.includes(e)))).toEqual([]);
      expect(webhooks.filter((w) => w.includes('"kind":"alert"')).length).toBeGreaterThanOrEqual(bsns.length / 2);
      expect(webhookText).toContain('"kind":"digest"');
      expect(dashboardText).toContain('WACHTTIJD_GEEN_START');
      expect(stream.events).toBeGreaterThanOrEqual(bsns.length);
      expect(found).toEqual([]);
      // the retour topic: every payload answered, the refusals against the history with the client's classes copied
      expect(decisions).toEqual({
        'geaccepteerd:-': bsns.length + starts.length,
        'afgewezen:0001': bsns.length,
        foutmelding: 3 * bsns.length,
        'afgewezen:9332': conflicts.length,
        'afgewezen:9069': stops.length,
      });
      expect(retoursWithBsn).toBe(conflicts.length + stops.length);
      expect(retourFindings).toEqual([]);
    } finally {
      abort.abort();
      process.stdout.write = write;
      process.stderr.write = writeErr;
      await producer.disconnect().catch(() => undefined);
      for (const app of apps.reverse()) await app.close();
      hook.close();
      restoreEnv();
      await dropSchema(await freshDatabase(schema));
    }
  });
});
