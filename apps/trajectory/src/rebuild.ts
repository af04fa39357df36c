import 'reflect-metadata';
import { DataSource } from 'typeorm';
import {
  TOPICS,
  createKafka,
  dataSourceOptions,
  loadConfig,
  replayTopic,
  runMigrationsWithLock,
  type ConsumedRecord,
  type PlatformConfig,
} from '@trajectwacht/platform';
import { MIGRATIONS } from '../../migrations';
import { ContractError, decodeVervolgEvent, type VervolgEvent } from '@trajectwacht/contracts';
import { TrajectoryProjection, trajectoryTableHash } from './trajectory.projection';
import { ClientVervolgRepository } from './vervolg.repository';
import { VerzoekRepository } from './verzoek.repository';

export interface RebuildResult {
  schema: string;
  records: number;
  seconds: number;
  rebuilt: { hash: string; trajectories: number };
  live: { hash: string; trajectories: number };
  /** The recorded follow-ups for 18+ (client_vervolg), replayed from vervolg.v1 and compared the same way. */
  vervolg: { records: number; rebuilt: { hash: string; count: number }; live: { hash: string; count: number } };
  /** The verzoeken (issue 17: JW315/JW317 with their answers and toewijzingen), replayed from ijw.geaccepteerd.v1. */
  verzoeken: { rebuilt: { hash: string; count: number }; live: { hash: string; count: number } };
  /**
   * Records that do not fit their topic's contract: the live consumers dead-lettered them (deadletter.v1) and never
   * applied them, so the rebuild leaves them out too and names them here.
   */
  refused: RefusedRecord[];
  equal: boolean;
}

export interface RefusedRecord {
  topic: string;
  partition: number;
  offset: string;
  error: string;
}

function fittingVervolg(record: ConsumedRecord, refuse: (record: ConsumedRecord, error: ContractError) => void): VervolgEvent[] {
  try {
    return [decodeVervolgEvent(record.value)];
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    refuse(record, error);
    return [];
  }
}

/**
 * Replays ijw.geaccepteerd.v1 from the beginning into fresh tables (schema `targetSchema`, dropped first) with the
 * same projection the live service uses, and compares the content hash with the live tables (`liveSchema`). Then
 * replays vervolg.v1 (the follow-ups for 18+ recorded by toegang, whose source of truth the topic is) into the fresh
 * client_vervolg and compares that too (a rebuild of another geaccepteerd topic — tests, benchmarks — replays
 * follow-ups only from the vervolg topic it is given).
 */
export async function rebuild(
  config: PlatformConfig,
  targetSchema: string,
  liveSchema = 'public',
  topic: string = TOPICS.geaccepteerd,
  vervolgTopic: string | null = topic === TOPICS.geaccepteerd ? TOPICS.vervolg : null,
): Promise<RebuildResult> {
  if (targetSchema === liveSchema) throw new Error('the rebuild schema must differ from the live schema');
  const target = new DataSource(
    dataSourceOptions(config, { schema: targetSchema, migrations: MIGRATIONS, applicationName: 'trajectwacht-rebuild' }),
  );
  const live = new DataSource(dataSourceOptions(config, { schema: liveSchema, applicationName: 'trajectwacht-rebuild-compare' }));
  await target.initialize();
  await live.initialize();
  try {
    await target.query(`DROP SCHEMA IF EXISTS "${targetSchema}" CASCADE`);
    await runMigrationsWithLock(target);
    const projection = new TrajectoryProjection(target, { publishEvents: false });
    const kafka = createKafka(config, 'trajectwacht-rebuild');
    const started = process.hrtime.bigint();
    const refused: RefusedRecord[] = [];
    const refuse = (record: ConsumedRecord, error: ContractError) =>
      refused.push({ topic: record.topic, partition: record.partition, offset: record.offset, error: error.message });
    const { records } = await replayTopic(
      kafka,
      topic,
      (batch) => projection.applyRecords(batch, { onRefused: refuse }).then(() => undefined),
      {
        groupId: `trajectwacht-rebuild-${targetSchema}-${Date.now()}`,
      },
    );
    const vervolgRepository = new ClientVervolgRepository(target.manager);
    const vervolgReplay =
      vervolgTopic === null
        ? { records: 0 }
        : await replayTopic(
            kafka,
            vervolgTopic,
            (batch) => vervolgRepository.insert(batch.flatMap((r) => fittingVervolg(r, refuse))).then(() => undefined),
            {
              groupId: `trajectwacht-rebuild-vervolg-${targetSchema}-${Date.now()}`,
            },
          );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [rebuilt, liveHash, vervolgRebuilt, vervolgLive, verzoekRebuilt, verzoekLive] = await Promise.all([
      trajectoryTableHash(target),
      trajectoryTableHash(live),
      vervolgRepository.hash(),
      new ClientVervolgRepository(live.manager).hash(),
      new VerzoekRepository(target.manager).hash(),
      new VerzoekRepository(live.manager).hash(),
    ]);
    return {
      schema: targetSchema,
      records,
      seconds,
      rebuilt,
      live: liveHash,
      vervolg: { records: vervolgReplay.records, rebuilt: vervolgRebuilt, live: vervolgLive },
      verzoeken: { rebuilt: verzoekRebuilt, live: verzoekLive },
      refused,
      equal: rebuilt.hash === liveHash.hash && vervolgRebuilt.hash === vervolgLive.hash && verzoekRebuilt.hash === verzoekLive.hash,
    };
  } finally {
    await target.destroy();
    await live.destroy();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  rebuild(loadConfig(), flag('schema', 'rebuild'), flag('live-schema', 'public'))
    .then((result) => {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      process.stdout.write(
        result.equal
          ? 'rebuilt state equals the live state\n'
          : 'rebuilt state DIFFERS from the live state (was the live service still consuming?)\n',
      );
      process.exit(result.equal ? 0 : 1);
    })
    .catch((error) => {
      process.stderr.write(`rebuild failed: ${(error as Error).message}\n`);
      process.exit(2);
    });
}
