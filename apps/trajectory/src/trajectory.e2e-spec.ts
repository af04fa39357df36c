import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { TOPICS, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { decodeDeadLetter, decodeRetour, decodeTrajectoryEvent } from '@trajectwacht/contracts';
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
import { geaccepteerdId, ijwBericht, retourcodesIn, type FlatBericht } from '../../../test/support/ijw';
import { createIngestApp } from '../../ingest/src/app';
import { IngestConsumer } from '../../ingest/src/ingest.consumer';
import { createTrajectoryApp } from './app';
import { TrajectoryConsumer } from './trajectory.consumer';

/**
 * From published iJw 3.2 berichten (JW301/JW305/JW307 in XML) on ijw.berichten.v1, through ingest and the trajectory
 * service, to the API and trajectory.events.v1; what ingest refuses (a stop before its start: TR382, retourcode 9069)
 * comes back on ijw.retour.v1 and changes nothing.
 */
describe('trajectory end to end (published messages → state, events and the role-scoped API)', () => {
  const GEMEENTE = '0034';
  const OTHER_GEMEENTE = '0995';
  const AANBIEDER = '12345678';
  const schema = uniqueName('e2etraj');
  const run = uniqueName('r').replace(/_/g, '');
  const kafka = testKafka();
  let config: PlatformConfig;
  let ingest: INestApplication;
  let trajectory: INestApplication;
  let url: string;
  let producer: Producer;
  let events: { messages: Collected[]; stop: () => Promise<void> };
  let retouren: { messages: Collected[]; stop: () => Promise<void> };
  let restoreEnv: (() => void) | undefined;
  const bsn = testBsn(Math.floor(Math.random() * 1e7) + 40_000_000);
  const nummer = String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8);
  const common = {
    gemeente: GEMEENTE,
    aanbieder: AANBIEDER,
    client: { bsn, geboortedatum: '2009-06-15' },
    toewijzingNummer: nummer,
    product: { categorie: '45', code: '45A01' },
  };
  const token = (principal: Parameters<typeof issueToken>[0]) => issueToken(principal, config.authSecret);
  /** Publishes one bericht (iJw XML) with the sender's token; returns its Identificatie and the ids of its products. */
  const send = async (message: FlatBericht, bearer: string) => {
    const bericht = ijwBericht(message);
    await producer.send({
      topic: TOPICS.berichten,
      acks: -1,
      messages: [{ key: 'k', value: bericht.xml, headers: { authorization: `Bearer ${bearer}` } }],
    });
    return bericht;
  };
  const retourOf = (identificatie: string) =>
    waitFor(async () => {
      const found = retouren.messages.find((m) => decodeRetour(m.value).identificatie === identificatie);
      return found ? decodeRetour(found.value) : undefined;
    });
  const get = (path: string, bearer: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

  beforeAll(async () => {
    restoreEnv = isolateServices();
    config = testConfig();
    events = await collectTopics(kafka, [TOPICS.trajectoryEvents]);
    retouren = await collectTopics(kafka, [TOPICS.retour]);
    ingest = await createIngestApp({ config, schema });
    await ingest.init();
    trajectory = await createTrajectoryApp({ config, schema });
    await trajectory.listen(0, '127.0.0.1');
    url = (await trajectory.getUrl()).replace('[::1]', '127.0.0.1');
    await Promise.all([ingest.get(IngestConsumer).consumer!.joined, trajectory.get(TrajectoryConsumer).consumer!.joined]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await events?.stop();
    await retouren?.stop();
    await trajectory?.close();
    await ingest?.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  it(
    'follows a toewijzing from JW301 via JW305 to JW307; ' +
      'a stop sent before the start is refused (9069) and accepted once sent after it',
    async () => {
      const gemeente = token({ role: 'toegang', gemeente: GEMEENTE, sub: 'worker' });
      const aanbieder = token({ role: 'aanbieder', agb: AANBIEDER, sub: 'provider' });
      const trajectory = async () => {
        const res = await get(`/api/v1/trajecten/${GEMEENTE}-${nummer}`, gemeente);
        return res.status === 200 ? ((await res.json()) as { status: string; berichtIds: string[]; stopdatum: string | null }) : undefined;
      };

      const toewijzing = await send(
        { ...common, berichtcode: 'JW301', berichtId: `${run}-1`, ingangsdatum: '2025-02-01', einddatum: '2025-12-31' },
        gemeente,
      );
      const assigned = await waitFor(async () => {
        const res = await get(`/api/v1/clients/${bsn}/trajecten`, gemeente);
        return res.status === 200 ? ((await res.json()) as { trajecten: { id: string; status: string }[] }) : undefined;
      });
      expect(assigned.trajecten[0]).toMatchObject({ id: `${GEMEENTE}-${nummer}`, status: 'toegewezen' });
      expect(await retourOf(toewijzing.identificatie)).toMatchObject({
        status: 'geaccepteerd',
        retourSoort: 'JW302',
        afzender: `gemeente:${GEMEENTE}`,
      });

      // out of order: the stop is published before the start. iJw 3.2 refuses it (TR382: a stop needs its start,
      // retourcode 9069 on the product), the whole bericht, with a JW308 to the aanbieder; the trajectory is unchanged.
      const stop = { ...common, berichtcode: 'JW307', begindatum: '2025-02-10', einddatum: '2025-06-30', redenBeeindiging: '31' };
      const early = await send({ ...stop, berichtId: `${run}-3` }, aanbieder);
      const refused = await retourOf(early.identificatie);
      expect(refused).toMatchObject({
        type: 'retour',
        status: 'afgewezen',
        retourSoort: 'JW308',
        afzender: `aanbieder:${AANBIEDER}`,
        berichtcode: 'JW307',
      });
      expect(retourcodesIn(refused.retourXml)).toContain('9069');
      expect(refused.toelichtingen.map((t) => t.retourcode)).toEqual(['9069']);
      expect(await trajectory()).toMatchObject({
        status: 'toegewezen',
        berichtIds: [geaccepteerdId(toewijzing.identificatie)],
        stopdatum: null,
      });

      // the start, then the same stop again under a new Identificatie (a reused one would be answered with the refusal)
      const start = await send({ ...common, berichtcode: 'JW305', berichtId: `${run}-2`, begindatum: '2025-02-10' }, aanbieder);
      expect((await retourOf(start.identificatie)).status).toBe('geaccepteerd');
      const again = await send({ ...stop, berichtId: `${run}-4` }, aanbieder);
      expect((await retourOf(again.identificatie)).status).toBe('geaccepteerd');
      const ended = await waitFor(async () => {
        const body = await trajectory();
        return body && body.berichtIds.length === 3 ? body : undefined;
      });
      expect(ended).toMatchObject({
        status: 'beeindigd',
        begindatum: '2025-02-10',
        stopdatum: '2025-06-30',
        wachttijdDagen: 9,
        redenBeeindiging: '31',
        volgensPlan: true,
      });
      expect(ended.berichtIds).toEqual([toewijzing, start, again].map((b) => geaccepteerdId(b.identificatie)).sort());
      expect((ended as unknown as { timeline: { soort: string }[] }).timeline.map((t) => t.soort)).toEqual(['toewijzing', 'start', 'stop']);

      const published = await waitFor(async () => {
        const mine = events.messages.filter((m) => m.value.includes(`"trajectoryId":"${GEMEENTE}-${nummer}"`));
        return mine.some((m) => m.value.includes('"TrajectoryEnded"')) ? mine : undefined;
      });
      const types = published.map((m) => decodeTrajectoryEvent(m.value).type);
      expect(types).toEqual(expect.arrayContaining(['TrajectoryAssigned', 'TrajectoryStarted', 'TrajectoryEnded']));
      for (const m of published) {
        expect(m.value).not.toContain(bsn);
        expect(m.key).toBe(decodeTrajectoryEvent(m.value).clientPseudonym);
      }
    },
  );

  it('holds a start that arrives before its toewijzing (another sender) and applies it when the toewijzing arrives', async () => {
    const gemeente = token({ role: 'toegang', gemeente: GEMEENTE, sub: 'worker' });
    const aanbieder = token({ role: 'aanbieder', agb: AANBIEDER, sub: 'provider' });
    const other = String(Number(nummer) + 1);
    const start = await send(
      { ...common, toewijzingNummer: other, berichtcode: 'JW305', berichtId: `${run}-5`, begindatum: '2025-03-03' },
      aanbieder,
    );
    // held (TR019 would refuse it only once the hold ends): no retour yet, nothing on the trajectory
    await new Promise((r) => setTimeout(r, 1500));
    expect(retouren.messages.some((m) => decodeRetour(m.value).identificatie === start.identificatie)).toBe(false);
    expect((await get(`/api/v1/trajecten/${GEMEENTE}-${other}`, gemeente)).status).toBe(404);

    const toewijzing = await send(
      {
        ...common,
        toewijzingNummer: other,
        berichtcode: 'JW301',
        berichtId: `${run}-6`,
        ingangsdatum: '2025-03-01',
        einddatum: '2025-12-31',
      },
      gemeente,
    );
    expect((await retourOf(start.identificatie)).status).toBe('geaccepteerd');
    const started = await waitFor(async () => {
      const res = await get(`/api/v1/trajecten/${GEMEENTE}-${other}`, gemeente);
      const body = res.status === 200 ? ((await res.json()) as { status: string; berichtIds: string[] }) : undefined;
      return body && body.berichtIds.length === 2 ? body : undefined;
    });
    expect(started).toMatchObject({ status: 'gestart', begindatum: '2025-03-03', wachttijdDagen: 2 });
    expect(started.berichtIds).toEqual([geaccepteerdId(start.identificatie), geaccepteerdId(toewijzing.identificatie)].sort());
  });

  it(
    'dead-letters a record of ijw.geaccepteerd.v1 that does not fit its contract, ' + 'with the field named, and goes on with the next',
    async () => {
      const dlq = await collectTopics(kafka, [TOPICS.deadLetter]);
      try {
        // a pseudonym of the real form (32 hexadecimal characters): the access log of the read below accepts no other
        const pseudonym = createHash('sha256').update(`${run}-poison`).digest('hex').slice(0, 32);
        const broken = JSON.stringify({
          berichtcode: 'JW305',
          berichtId: `${run}-p1`,
          gemeente: GEMEENTE,
          aanbieder: AANBIEDER,
          toewijzingNummer: '1',
          begindatum: '2025-01-10',
          client: { pseudonym, geboortedatum: '2012-03-04' },
          ontvangst: { afzender: `aanbieder:${AANBIEDER}`, ontvangenOp: 'gisteren', bron: 'kafka' },
        });
        const valid = JSON.stringify({
          ...JSON.parse(broken),
          berichtId: `${run}-p2`,
          ontvangst: { afzender: `aanbieder:${AANBIEDER}`, ontvangenOp: '2025-01-10T08:00:00.000Z', bron: 'kafka' },
        });
        await producer.send({
          topic: TOPICS.geaccepteerd,
          acks: -1,
          messages: [
            { key: pseudonym, value: broken },
            { key: pseudonym, value: valid },
          ],
        });
        const dead = await waitFor(async () =>
          dlq.messages.find((m) => m.headers['dlq-source-topic'] === TOPICS.geaccepteerd && m.value === broken),
        );
        expect(dead.headers['dlq-error']).toBe(
          'ijw.geaccepteerd.v1: field ontvangst.ontvangenOp must be an ISO timestamp with zone (got "gisteren")',
        );
        expect(decodeDeadLetter(dead.headers)).toMatchObject({
          sourceTopic: TOPICS.geaccepteerd,
          consumerGroup: process.env.TRAJECTORY_GROUP_ID,
          attempts: config.consumerRetryBudget,
        });
        // the record after it on the same partition is applied: a trajectory without toewijzing, from that start alone
        const state = await waitFor(async () => {
          const res = await get(`/api/v1/trajecten/${GEMEENTE}-1`, token({ role: 'toegang', gemeente: GEMEENTE, sub: 'worker' }));
          return res.status === 200 ? ((await res.json()) as { berichtIds: string[] }) : undefined;
        });
        expect(state.berichtIds).toEqual([`${run}-p2`]);
      } finally {
        await dlq.stop();
      }
    },
  );

  it('scopes the API by role: another gemeente sees nothing, a region and beheer see no individual data', async () => {
    await waitFor(
      async () => (await get(`/api/v1/clients/${bsn}/trajecten`, token({ role: 'toegang', gemeente: GEMEENTE, sub: 'w' }))).status === 200,
    );
    expect((await get(`/api/v1/clients/${bsn}/trajecten`, token({ role: 'toegang', gemeente: OTHER_GEMEENTE, sub: 'w' }))).status).toBe(
      404,
    );
    expect(
      (await get(`/api/v1/trajecten/${GEMEENTE}-${nummer}`, token({ role: 'toegang', gemeente: OTHER_GEMEENTE, sub: 'w' }))).status,
    ).toBe(404);
    expect((await get(`/api/v1/trajecten/${GEMEENTE}-${nummer}`, token({ role: 'aanbieder', agb: '87654321', sub: 'p' }))).status).toBe(
      404,
    );
    expect((await get(`/api/v1/trajecten/${GEMEENTE}-${nummer}`, token({ role: 'aanbieder', agb: AANBIEDER, sub: 'p' }))).status).toBe(200);
    expect(
      (await get(`/api/v1/clients/${bsn}/trajecten`, token({ role: 'regio', regio: 'flevoland', gemeenten: [GEMEENTE], sub: 'r' }))).status,
    ).toBe(403);
    expect((await get(`/api/v1/clients/${bsn}/trajecten`, token({ role: 'beheer', sub: 'b' }))).status).toBe(403);
    expect((await fetch(`${url}/api/v1/clients/${bsn}/trajecten`)).status).toBe(401);
    expect((await get(`/api/v1/clients/123456789/trajecten`, token({ role: 'toegang', gemeente: GEMEENTE, sub: 'w' }))).status).toBe(400);
  });
});
