import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { TOPICS, issueToken, type PlatformConfig } from '@trajectwacht/platform';
import { testBsn } from '../../../test/support/bsn';
import { collectTopics, dropSchema, freshDatabase, isolateServices, testConfig, testKafka, uniqueName, waitFor, type Collected } from '../../../test/support/infra';
import { createIngestApp } from '../../ingest/src/app';
import { IngestConsumer } from '../../ingest/src/ingest.consumer';
import { createTrajectoryApp } from './app';
import { TrajectoryConsumer } from './trajectory.consumer';

/** From a published JW301/JW305/JW307 on ijw.berichten.v1, through ingest and the trajectory service, to the API and trajectory.events.v1. */
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
  let restoreEnv: (() => void) | undefined;
  const bsn = testBsn(Math.floor(Math.random() * 1e7) + 40_000_000);
  const nummer = String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8);
  const common = { gemeente: GEMEENTE, aanbieder: AANBIEDER, client: { bsn, geboortedatum: '2009-06-15' }, toewijzingNummer: nummer, product: { categorie: '45', code: '45A01' } };
  const token = (principal: Parameters<typeof issueToken>[0]) => issueToken(principal, config.authSecret);
  const get = (path: string, bearer: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

  beforeAll(async () => {
    restoreEnv = isolateServices();
    config = testConfig();
    events = await collectTopics(kafka, [TOPICS.trajectoryEvents]);
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
    await trajectory?.close();
    await ingest?.close();
    restoreEnv?.();
    await dropSchema(await freshDatabase(schema));
  });

  it('follows a toewijzing from JW301 via JW305 to JW307, even when the stop arrives before the start', async () => {
    const gemeente = token({ role: 'toegang', gemeente: GEMEENTE, sub: 'worker' });
    const aanbieder = token({ role: 'aanbieder', agb: AANBIEDER, sub: 'provider' });
    const send = (message: object, bearer: string) =>
      producer.send({ topic: TOPICS.berichten, acks: -1, messages: [{ key: 'k', value: JSON.stringify(message), headers: { authorization: `Bearer ${bearer}` } }] });

    await send({ ...common, berichtcode: 'JW301', berichtId: `${run}-1`, ingangsdatum: '2025-02-01', einddatum: '2025-12-31' }, gemeente);
    const assigned = await waitFor(async () => {
      const res = await get(`/api/v1/clients/${bsn}/trajecten`, gemeente);
      return res.status === 200 ? ((await res.json()) as { trajecten: { id: string; status: string }[] }) : undefined;
    });
    expect(assigned.trajecten[0]).toMatchObject({ id: `${GEMEENTE}-${nummer}`, status: 'toegewezen' });

    // out of order: the stop is published before the start
    await send({ ...common, berichtcode: 'JW307', berichtId: `${run}-3`, begindatum: '2025-02-10', einddatum: '2025-06-30', redenBeeindiging: '31' }, aanbieder);
    await send({ ...common, berichtcode: 'JW305', berichtId: `${run}-2`, begindatum: '2025-02-10' }, aanbieder);
    const ended = await waitFor(async () => {
      const res = await get(`/api/v1/trajecten/${GEMEENTE}-${nummer}`, gemeente);
      const body = res.status === 200 ? ((await res.json()) as { status: string; berichtIds: string[] }) : undefined;
      return body && body.berichtIds.length === 3 ? body : undefined;
    });
    expect(ended).toMatchObject({ status: 'beeindigd', begindatum: '2025-02-10', stopdatum: '2025-06-30', wachttijdDagen: 9, redenBeeindiging: '31', volgensPlan: true });
    expect((ended as unknown as { timeline: { soort: string }[] }).timeline.map((t) => t.soort)).toEqual(['toewijzing', 'start', 'stop']);

    const published = await waitFor(async () => {
      const mine = events.messages.filter((m) => m.value.includes(`"trajectoryId":"${GEMEENTE}-${nummer}"`));
      return mine.some((m) => m.value.includes('"TrajectoryEnded"')) ? mine : undefined;
    });
    const types = published.map((m) => JSON.parse(m.value).type as string);
    expect(types).toEqual(expect.arrayContaining(['TrajectoryAssigned', 'TrajectoryStarted', 'TrajectoryEnded']));
    for (const m of published) {
      expect(m.value).not.toContain(bsn);
      expect(m.key).toBe(JSON.parse(m.value).clientPseudonym);
    }
  });

  it('scopes the API by role: another gemeente sees nothing, a region and beheer see no individual data', async () => {
    await waitFor(async () => (await get(`/api/v1/clients/${bsn}/trajecten`, token({ role: 'toegang', gemeente: GEMEENTE, sub: 'w' }))).status === 200);
    expect((await get(`/api/v1/clients/${bsn}/trajecten`, token({ role: 'toegang', gemeente: OTHER_GEMEENTE, sub: 'w' }))).status).toBe(404);
    expect((await get(`/api/v1/trajecten/${GEMEENTE}-${nummer}`, token({ role: 'toegang', gemeente: OTHER_GEMEENTE, sub: 'w' }))).status).toBe(404);
    expect((await get(`/api/v1/trajecten/${GEMEENTE}-${nummer}`, token({ role: 'aanbieder', agb: '87654321', sub: 'p' }))).status).toBe(404);
    expect((await get(`/api/v1/trajecten/${GEMEENTE}-${nummer}`, token({ role: 'aanbieder', agb: AANBIEDER, sub: 'p' }))).status).toBe(200);
    expect((await get(`/api/v1/clients/${bsn}/trajecten`, token({ role: 'regio', regio: 'flevoland', gemeenten: [GEMEENTE], sub: 'r' }))).status).toBe(403);
    expect((await get(`/api/v1/clients/${bsn}/trajecten`, token({ role: 'beheer', sub: 'b' }))).status).toBe(403);
    expect((await fetch(`${url}/api/v1/clients/${bsn}/trajecten`)).status).toBe(401);
    expect((await get(`/api/v1/clients/123456789/trajecten`, token({ role: 'toegang', gemeente: GEMEENTE, sub: 'w' }))).status).toBe(400);
  });
});
