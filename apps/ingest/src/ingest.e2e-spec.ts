import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Producer } from 'kafkajs';
import { RETOUR } from '@trajectwacht/ijw';
import { DATA_SOURCE, TOPICS, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { testBsn } from '../../../test/support/bsn';
import { collectTopics, dropSchema, testConfig, testKafka, uniqueName, waitFor, type Collected } from '../../../test/support/infra';
import { createIngestApp } from './app';
import { IngestConsumer } from './ingest.consumer';

/**
 * End to end on the real stack: messages published over HTTP and Kafka come out on ijw.geaccepteerd.v1 (without
 * BSN) or ijw.retour.v1 (with their retour codes), and are recorded in PostgreSQL.
 */
describe('ingest end to end (HTTP and Kafka → accepted and retour topics)', () => {
  const GEMEENTE = '0034';
  const AANBIEDER = '12345678';
  const OTHER_AANBIEDER = '87654321';
  const run = uniqueName('e2e').replace(/_/g, '');
  let app: INestApplication;
  let url: string;
  let config: PlatformConfig;
  let producer: Producer;
  let output: { messages: Collected[]; stop: () => Promise<void> };
  const kafka = testKafka();
  let gemeenteToken: string;
  let aanbiederToken: string;
  let otherAanbiederToken: string;
  let seq = 0;
  const bsn = testBsn(Math.floor(Math.random() * 1e7) + 20_000_000);
  const nummer = () => String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8);

  const jw301 = (toewijzingNummer: string, extra: Record<string, unknown> = {}) => ({
    berichtcode: 'JW301', berichtId: `${run}-${++seq}`, gemeente: GEMEENTE, aanbieder: AANBIEDER,
    client: { bsn, geboortedatum: '2012-03-04' }, toewijzingNummer, product: { categorie: '45', code: '45A01' },
    ingangsdatum: '2025-01-01', einddatum: '2025-12-31', ...extra,
  });
  const jw305 = (toewijzingNummer: string, extra: Record<string, unknown> = {}) => ({
    berichtcode: 'JW305', berichtId: `${run}-${++seq}`, gemeente: GEMEENTE, aanbieder: AANBIEDER,
    client: { bsn, geboortedatum: '2012-03-04' }, toewijzingNummer, product: { categorie: '45', code: '45A01' }, begindatum: '2025-01-10', ...extra,
  });
  const jw307 = (toewijzingNummer: string, extra: Record<string, unknown> = {}) => ({
    berichtcode: 'JW307', berichtId: `${run}-${++seq}`, gemeente: GEMEENTE, aanbieder: AANBIEDER,
    client: { bsn, geboortedatum: '2012-03-04' }, toewijzingNummer, product: { categorie: '45', code: '45A01' },
    begindatum: '2025-01-10', einddatum: '2025-06-30', redenBeeindiging: '31', ...extra,
  });

  const post = (body: string, token: string, contentType = 'application/json') =>
    fetch(`${url}/api/v1/berichten`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
  const produce = (value: string | Buffer, token?: string) =>
    producer.send({ topic: TOPICS.berichten, acks: -1, messages: [{ key: 'test', value, headers: token ? { authorization: `Bearer ${token}` } : {} }] });
  const accepted = (berichtId: string) => waitFor(async () => output.messages.find((m) => m.topic === TOPICS.geaccepteerd && m.value.includes(`"berichtId":"${berichtId}"`)));
  const retour = (berichtId: string) => waitFor(async () => output.messages.find((m) => m.topic === TOPICS.retour && m.value.includes(`"berichtId":"${berichtId}"`)));

  beforeAll(async () => {
    process.env.INGEST_GROUP_ID = uniqueName('ingest');
    process.env.INGEST_FROM_BEGINNING = 'false';
    process.env.HELD_SWEEP_INTERVAL_MS = '300';
    process.env.BULLMQ_PREFIX = uniqueName('bull');
    config = testConfig({ unknownToewijzingGraceSeconds: 3, toewijzingConflictGraceSeconds: 2 });
    output = await collectTopics(kafka, [TOPICS.geaccepteerd, TOPICS.retour]);
    app = await createIngestApp({ config, schema: uniqueName('ingest') });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    url = url.replace('[::1]', '127.0.0.1');
    await app.get(IngestConsumer).consumer!.joined;
    producer = kafka.producer();
    await producer.connect();
    gemeenteToken = issueToken({ role: 'toegang', gemeente: GEMEENTE, sub: 'test' }, config.authSecret);
    aanbiederToken = issueToken({ role: 'aanbieder', agb: AANBIEDER, sub: 'test' }, config.authSecret);
    otherAanbiederToken = issueToken({ role: 'aanbieder', agb: OTHER_AANBIEDER, sub: 'test' }, config.authSecret);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await output?.stop();
    const ds = app?.get<DataSource>(DATA_SOURCE);
    await app?.close();
    if (ds) {
      const { DataSource: DS } = await import('typeorm');
      const cleanup = new DS({ ...ds.options } as ConstructorParameters<typeof DS>[0]);
      await cleanup.initialize();
      await dropSchema(cleanup);
    }
  });

  it('accepts a JW301 over HTTP (202), publishes it pseudonymised, and a JW305 in iJw XML for it', async () => {
    const toewijzing = nummer();
    const message = jw301(toewijzing);
    const res = await post(JSON.stringify(message), gemeenteToken);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'ontvangen', berichten: [{ berichtId: message.berichtId, status: 'ontvangen' }] });
    const out = await accepted(message.berichtId);
    expect(out.value).not.toContain(bsn);
    const body = JSON.parse(out.value);
    expect(body.client.pseudonym).toMatch(/^[0-9a-f]{32}$/);
    expect(out.key).toBe(body.client.pseudonym);

    const xmlId = `${run}-xml`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<JW305:Bericht xmlns:JW305="http://www.istandaarden.nl/ijw/3_2/jw305/schema">
  <JW305:Header><JW305:Afzender>${AANBIEDER}</JW305:Afzender><JW305:Ontvanger>${GEMEENTE}</JW305:Ontvanger>
    <JW305:BerichtIdentificatie><JW305:Identificatie>${xmlId}</JW305:Identificatie><JW305:Dagtekening>2025-01-11</JW305:Dagtekening></JW305:BerichtIdentificatie></JW305:Header>
  <JW305:Client><JW305:Bsn>${bsn}</JW305:Bsn><JW305:Geboortedatum><JW305:Datum>2012-03-04</JW305:Datum></JW305:Geboortedatum>
    <JW305:StartProducten><JW305:StartProduct><JW305:ToewijzingNummer>${toewijzing}</JW305:ToewijzingNummer>
      <JW305:Product><JW305:Categorie>45</JW305:Categorie><JW305:Code>45A01</JW305:Code></JW305:Product><JW305:Begindatum>2025-01-10</JW305:Begindatum>
    </JW305:StartProduct></JW305:StartProducten></JW305:Client>
</JW305:Bericht>`;
    const xmlRes = await post(xml, aanbiederToken, 'application/xml');
    expect(xmlRes.status).toBe(202);
    const started = JSON.parse((await accepted(xmlId)).value);
    expect(started).toMatchObject({ berichtcode: 'JW305', begindatum: '2025-01-10', client: { pseudonym: body.client.pseudonym } });
  });

  it('answers 422 with the retour codes over HTTP and records the rejection on ijw.retour.v1', async () => {
    const message = jw301(nummer(), { client: { bsn: '123456789', geboortedatum: '2012-02-30' }, product: { categorie: '99' } });
    const res = await post(JSON.stringify(message), gemeenteToken);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { berichten: { retourcodes: { code: string; message: string }[] }[] };
    const codes = body.berichten[0].retourcodes.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining([RETOUR.BSN_INVALID, RETOUR.GEBOORTEDATUM_INVALID, RETOUR.PRODUCTCATEGORIE_UNKNOWN]));
    for (const r of body.berichten[0].retourcodes) expect(r.message).toEqual(expect.any(String));
    const out = JSON.parse((await retour(message.berichtId)).value);
    expect(out.retourcodes.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining([RETOUR.BSN_INVALID]));
    expect(JSON.stringify(out)).not.toContain('123456789');
  });

  it('refuses unauthenticated or foreign senders: 401 over HTTP, NOT_AUTHORISED retour over Kafka', async () => {
    expect((await fetch(`${url}/api/v1/berichten`, { method: 'POST', body: '{}' })).status).toBe(401);
    const expired = issueToken({ role: 'toegang', gemeente: GEMEENTE, sub: 't' }, config.authSecret, 60, Date.now() - 3_600_000);
    expect((await post(JSON.stringify(jw301(nummer())), expired)).status).toBe(401);
    // a provider may not send a JW301, nor publish as another AGB; a regional coordinator may not publish at all
    const asProvider = jw301(nummer());
    const refused = await post(JSON.stringify(asProvider), aanbiederToken);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { berichten: { retourcodes: { code: string }[] }[] }).berichten[0]!.retourcodes[0]!.code).toBe(RETOUR.NOT_AUTHORISED);
    const regioToken = issueToken({ role: 'regio', regio: 'flevoland', gemeenten: [GEMEENTE], sub: 'test' }, config.authSecret);
    expect((await post(JSON.stringify(jw301(nummer())), regioToken)).status).toBe(403);
    const foreign = jw305(nummer());
    await produce(JSON.stringify(foreign), otherAanbiederToken);
    const out = JSON.parse((await retour(foreign.berichtId)).value);
    expect(out.retourcodes[0].code).toBe(RETOUR.NOT_AUTHORISED);
    const noToken = jw305(nummer());
    await produce(JSON.stringify(noToken));
    expect(JSON.parse((await retour(noToken.berichtId)).value).retourcodes[0].code).toBe(RETOUR.NOT_AUTHORISED);
  });

  it('refuses a start for a toewijzing addressed to another aanbieder, and a start before the ingangsdatum', async () => {
    const toewijzing = nummer();
    const assigned = jw301(toewijzing, { aanbieder: OTHER_AANBIEDER });
    await produce(JSON.stringify(assigned), gemeenteToken);
    await accepted(assigned.berichtId);
    const start = jw305(toewijzing);
    await produce(JSON.stringify(start), aanbiederToken);
    expect(JSON.parse((await retour(start.berichtId)).value).retourcodes[0]).toMatchObject({ code: RETOUR.NOT_AUTHORISED, field: 'toewijzingNummer' });

    const own = nummer();
    const ownAssigned = jw301(own);
    await produce(JSON.stringify(ownAssigned), gemeenteToken);
    await accepted(ownAssigned.berichtId);
    const early = jw305(own, { begindatum: '2024-12-31' });
    await produce(JSON.stringify(early), aanbiederToken);
    expect(JSON.parse((await retour(early.berichtId)).value).retourcodes[0]).toMatchObject({ code: RETOUR.START_BEFORE_INGANGSDATUM });
    const late = jw307(own, { einddatum: '2026-01-15' });
    await produce(JSON.stringify(late), aanbiederToken);
    expect(JSON.parse((await retour(late.berichtId)).value).retourcodes.map((r: { code: string }) => r.code)).toContain(RETOUR.STOP_AFTER_EINDDATUM);
  });

  it('refuses hostile records on Kafka, each with its own clear reason on ijw.retour.v1, and keeps processing the good ones around it', async () => {
    const before = jw301(nummer());
    const after = jw301(nummer());
    // Every kind of hostile record of issue 8 on the topic; several carry a BSN, which must never reach the retour.
    const hostile: [name: string, value: Buffer | string, code: string, reason: RegExp][] = [
      ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x9c]), RETOUR.MALFORMED, /not valid UTF-8/],
      ['Latin-1 text', Buffer.concat([Buffer.from(`{"bsn":"${bsn}","naam":"`), Buffer.from([0xe9]), Buffer.from('"}')]), RETOUR.MALFORMED, /not valid UTF-8/],
      ['UTF-16LE JSON', Buffer.from(JSON.stringify({ berichtcode: 'JW301', client: { bsn } }), 'utf16le'), RETOUR.MALFORMED, /NUL/],
      ['UTF-16LE JSON with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ berichtcode: 'JW301', client: { bsn } }), 'utf16le')]), RETOUR.MALFORMED, /not valid UTF-8/],
      ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256)), RETOUR.MALFORMED, /UTF-8|NUL|neither JSON/],
      ['truncated JSON', `{"berichtcode": "JW301", "client": {"bsn": "${bsn}"`, RETOUR.MALFORMED, /not valid JSON/],
      ['deeply nested JSON', '['.repeat(100_000) + ']'.repeat(100_000), RETOUR.MALFORMED, /nested deeper/],
      ['huge payload', JSON.stringify({ ...jw301(nummer()), commentaar: 'x'.repeat(config.maxMessageBytes) }), RETOUR.TOO_LARGE, /the limit is \d+ bytes/],
      ['billion laughs', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><JW301:Bericht xmlns:JW301="http://www.istandaarden.nl/ijw/3_2/jw301/schema">&lol2;</JW301:Bericht>', RETOUR.MALFORMED, /DOCTYPE/],
      ['XXE', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><JW301:Bericht xmlns:JW301="http://www.istandaarden.nl/ijw/3_2/jw301/schema">&xxe;</JW301:Bericht>', RETOUR.MALFORMED, /DOCTYPE/],
      ['an empty record', '', RETOUR.MALFORMED, /empty/],
    ];
    const headers = { authorization: `Bearer ${gemeenteToken}` };
    const [meta] = await producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [
        { key: 'gemeente:0034', value: JSON.stringify(before), headers },
        ...hostile.map(([, value]) => ({ key: 'gemeente:0034', value, headers })),
        { key: 'gemeente:0034', value: JSON.stringify(after), headers },
      ],
    });
    await accepted(before.berichtId);
    await accepted(after.berichtId);
    const base = BigInt(meta!.baseOffset!);
    for (const [i, [name, , code, reason]] of hostile.entries()) {
      // one retour per hostile record, under the record's own reference (topic:partition:offset)
      const recorded = await retour(`ref:${TOPICS.berichten}:${meta!.partition}:${base + BigInt(i + 1)}`);
      const value = JSON.parse(recorded.value) as { status: string; afzender: string; retourcodes: { code: string; message: string }[] };
      expect([name, value.status, value.afzender, value.retourcodes[0]!.code]).toEqual([name, 'afgewezen', 'gemeente:0034', code]);
      expect([name, value.retourcodes[0]!.message]).toEqual([name, expect.stringMatching(reason)]);
      expect([name, recorded.value.length < 2048, recorded.value.includes(bsn)]).toEqual([name, true, false]);
    }
  });

  it('refuses hostile input over HTTP with a clear reason: huge, deeply nested, entity expansion, wrong encoding', async () => {
    // Oversized (declared Content-Length, and chunked without one): 413, and the refusal is on ijw.retour.v1 and in
    // ijw_bericht under the answer's referentie, small, without any of the payload (which holds a BSN here).
    const oversized = JSON.stringify({ ...jw301(nummer()), commentaar: 'x'.repeat(config.maxMessageBytes) });
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode(`${i === 0 ? `[{"bsn":"${bsn}","x":"` : ''}${'y'.repeat(16_384)}`));
        controller.close();
      },
    });
    const hugeRequests: [string, Promise<Response>][] = [
      ['Content-Length', post(oversized, gemeenteToken)],
      ['chunked', fetch(`${url}/api/v1/berichten`, { method: 'POST', headers: { authorization: `Bearer ${aanbiederToken}`, 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit)],
    ];
    for (const [name, request] of hugeRequests) {
      const huge = await request;
      expect([name, huge.status]).toEqual([name, 413]);
      const answer = (await huge.json()) as { referentie: string; retourcodes: { code: string; message: string }[] };
      expect(answer.retourcodes[0]!.code).toBe(RETOUR.TOO_LARGE);
      expect(answer.referentie).toMatch(/^ref:[0-9a-f-]{36}$/);
      const recorded = await retour(answer.referentie);
      expect(recorded.value.length).toBeLessThan(1024);
      expect(recorded.value).not.toContain(bsn);
      expect(recorded.value).not.toMatch(/xxxx|yyyy/);
      expect(JSON.parse(recorded.value)).toMatchObject({
        berichtId: answer.referentie, afzender: name === 'chunked' ? `aanbieder:${AANBIEDER}` : `gemeente:${GEMEENTE}`, status: 'afgewezen', bron: 'http',
        retourcodes: [{ code: RETOUR.TOO_LARGE, message: expect.stringMatching(/^the payload is .*bytes; the limit is \d+ bytes$/) }],
      });
      const status = await fetch(`${url}/api/v1/berichten/${answer.referentie}`, { headers: { authorization: `Bearer ${name === 'chunked' ? aanbiederToken : gemeenteToken}` } });
      expect(((await status.json()) as { status: string; retourcodes: { code: string }[] }[])[0]).toMatchObject({ status: 'afgewezen', retourcodes: [{ code: RETOUR.TOO_LARGE }] });
    }
    // without a valid token an oversized body is answered like any unauthenticated request (401) and not recorded
    const anonymous = await fetch(`${url}/api/v1/berichten`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: oversized });
    expect(anonymous.status).toBe(401);

    const cases: [string, string | Buffer, string, RegExp][] = [
      ['deeply nested JSON', '['.repeat(5000) + ']'.repeat(5000), 'application/json', /nested deeper/],
      ['billion laughs', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><JW301:Bericht xmlns:JW301="http://www.istandaarden.nl/ijw/3_2/jw301/schema">&lol2;</JW301:Bericht>', 'application/xml', /DOCTYPE/],
      ['XXE', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><JW301:Bericht xmlns:JW301="http://www.istandaarden.nl/ijw/3_2/jw301/schema">&xxe;</JW301:Bericht>', 'application/xml', /DOCTYPE/],
      ['Latin-1 bytes', Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x61, 0x6d, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), 'application/json', /UTF-8/],
      ['random bytes', Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 73 + 11) % 256)), 'application/octet-stream', /UTF-8|neither JSON|NUL/],
      ['an empty body', '', 'application/json', /empty/],
    ];
    for (const [name, body, type, reason] of cases) {
      const res = await fetch(`${url}/api/v1/berichten`, { method: 'POST', headers: { authorization: `Bearer ${gemeenteToken}`, 'content-type': type }, body });
      const text = await res.text();
      expect([name, res.status]).toEqual([name, 422]);
      expect(text).toMatch(reason);
      expect(text).not.toContain('/etc/passwd:');
      if (name === 'an empty body') {
        // nothing to put on ijw.berichten.v1, so the rejection is recorded before the answer, under its referentie
        const { referentie } = JSON.parse(text) as { referentie: string };
        expect(referentie).toMatch(/^ref:[0-9a-f-]{36}$/);
        expect(JSON.parse((await retour(referentie)).value)).toMatchObject({
          berichtId: referentie, afzender: `gemeente:${GEMEENTE}`, bron: 'http', retourcodes: [{ code: RETOUR.MALFORMED, message: 'the payload is empty' }],
        });
      }
    }
    // the service is still healthy and keeps accepting good messages
    const good = jw301(nummer());
    expect((await post(JSON.stringify(good), gemeenteToken)).status).toBe(202);
    await accepted(good.berichtId);
  });

  it('treats a resent message as a duplicate (idempotent) and a reused berichtId with other content as a conflict', async () => {
    const message = jw301(nummer());
    await produce(JSON.stringify(message), gemeenteToken);
    await accepted(message.berichtId);
    await produce(JSON.stringify(message), gemeenteToken);
    const conflict = { ...message, einddatum: '2025-11-30' };
    await produce(JSON.stringify(conflict), gemeenteToken);
    const out = JSON.parse((await retour(message.berichtId)).value);
    expect(out.retourcodes[0].code).toBe(RETOUR.DUPLICATE_CONFLICT);
    const ds = app.get<DataSource>(DATA_SOURCE);
    const rows = await ds.query(`SELECT status FROM ijw_bericht WHERE bericht_id = $1 ORDER BY status`, [message.berichtId]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['afgewezen', 'geaccepteerd']);
    expect(output.messages.filter((m) => m.topic === TOPICS.geaccepteerd && m.value.includes(`"berichtId":"${message.berichtId}"`))).toHaveLength(1);
  });

  it('publishes a JSON-lines file and an iJw XML file with the CLI (npx trajectwacht publish)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-cli-'));
    const toewijzing = nummer();
    const assign = jw301(toewijzing);
    const start = jw305(toewijzing);
    writeFileSync(join(dir, 'berichten.jsonl'), `${JSON.stringify(assign)}\n\n${JSON.stringify(start)}\n`);
    const stop = jw307(toewijzing);
    writeFileSync(join(dir, 'stop.xml'), `<JW307:Bericht xmlns:JW307="http://www.istandaarden.nl/ijw/3_2/jw307/schema"><JW307:Header><JW307:Afzender>${AANBIEDER}</JW307:Afzender><JW307:Ontvanger>${GEMEENTE}</JW307:Ontvanger><JW307:BerichtIdentificatie><JW307:Identificatie>${stop.berichtId}</JW307:Identificatie></JW307:BerichtIdentificatie></JW307:Header><JW307:Client><JW307:Bsn>${bsn}</JW307:Bsn><JW307:Geboortedatum><JW307:Datum>2012-03-04</JW307:Datum></JW307:Geboortedatum><JW307:StopProducten><JW307:StopProduct><JW307:ToewijzingNummer>${toewijzing}</JW307:ToewijzingNummer><JW307:Product><JW307:Categorie>45</JW307:Categorie><JW307:Code>45A01</JW307:Code></JW307:Product><JW307:Begindatum>2025-01-10</JW307:Begindatum><JW307:Einddatum>2025-06-30</JW307:Einddatum><JW307:RedenBeeindiging>31</JW307:RedenBeeindiging></JW307:StopProduct></JW307:StopProducten></JW307:Client></JW307:Bericht>`);
    const out = execFileSync('node', ['tools/cli/trajectwacht.js', 'publish', join(dir, 'berichten.jsonl'), join(dir, 'stop.xml'), '--sign-as-sender'], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, AUTH_SECRET: config.authSecret, KAFKA_BROKERS: config.kafkaBrokers.join(',') },
      encoding: 'utf8',
    });
    expect(out).toContain('produced 3 payload(s)');
    await accepted(assign.berichtId);
    await accepted(start.berichtId);
    expect(JSON.parse((await accepted(stop.berichtId)).value)).toMatchObject({ berichtcode: 'JW307', redenBeeindiging: '31', einddatum: '2025-06-30' });
  });

  it('holds a start for an unknown toewijzing until the JW301 arrives, and rejects it when the grace period ends', async () => {
    const toewijzing = nummer();
    const start = jw305(toewijzing);
    const res = await post(JSON.stringify(start), aanbiederToken);
    expect(res.status).toBe(202);
    expect(((await res.json()) as { berichten: { status: string }[] }).berichten[0]!.status).toBe('wachtend');
    await waitFor(async () => {
      const r = await fetch(`${url}/api/v1/berichten/${start.berichtId}`, { headers: { authorization: `Bearer ${aanbiederToken}` } });
      return r.status === 200 && ((await r.json()) as { status: string }[])[0]!.status === 'wachtend';
    });
    const assign = jw301(toewijzing);
    await produce(JSON.stringify(assign), gemeenteToken);
    await accepted(assign.berichtId);
    await accepted(start.berichtId);

    const orphan = jw305(nummer());
    await produce(JSON.stringify(orphan), aanbiederToken);
    const out = JSON.parse((await retour(orphan.berichtId)).value);
    expect(out.retourcodes[0].code).toBe(RETOUR.TOEWIJZING_UNKNOWN);
  });
});
