import { Controller, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { InjectRepository, TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn, type Repository } from 'typeorm';
import type { PlatformConfig } from '@trajectwacht/platform';
import { DEFAULT_INTENSITY_MAPPING, deriveTrajectory, type AcceptedMessage, type TrajectoryState } from '@trajectwacht/trajectory';
import { now, secondsSince } from './support';

/**
 * BASELINE: the way a NestJS service usually consumes Kafka — the NestJS Kafka transport (eachMessage, one message
 * at a time per partition) and TypeORM repositories, per message:
 *   1. `save` the message into a trajectory_bericht-like entity (TypeORM: SELECT by primary key, then INSERT),
 *   2. `find` every stored message of its trajectory and derive the state with the same pure `deriveTrajectory`,
 *   3. `findOneBy` the trajectory row and `save` it with the new state (SELECT, then INSERT or UPDATE).
 * Bench-only entities over bench-only tables in a fresh schema (synchronize: true, for this baseline only). It does
 * strictly less than the real projection: no client summary and no outbox.
 */

@Entity('bench_trajectory_bericht')
export class BenchBericht {
  @PrimaryColumn('text', { name: 'bericht_key' }) berichtKey!: string;
  @Index() @Column('text', { name: 'trajectory_id' }) trajectoryId!: string;
  @Column('text', { name: 'client_pseudonym' }) clientPseudonym!: string;
  @Column('text') berichtcode!: string;
  @Column('jsonb') message!: AcceptedMessage;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
}

@Entity('bench_trajectory')
@Index(['gemeente', 'status'])
@Index(['aanbieder', 'status'])
export class BenchTrajectory {
  @PrimaryColumn('text') id!: string;
  @Index() @Column('text', { name: 'client_pseudonym' }) clientPseudonym!: string;
  @Column('text') gemeente!: string;
  @Column('text') aanbieder!: string;
  @Column('text') status!: string;
  @Column('text', { nullable: true }) productcategorie!: string | null;
  @Column('text', { nullable: true }) productcode!: string | null;
  @Column('text', { nullable: true }) intensiteit!: string | null;
  @Column('boolean') crisis!: boolean;
  @Column('boolean') verblijf!: boolean;
  @Column('boolean', { name: 'gedwongen_kader' }) gedwongenKader!: boolean;
  @Column('date', { nullable: true }) ingangsdatum!: string | null;
  @Column('date', { nullable: true }) einddatum!: string | null;
  @Column('date', { nullable: true }) begindatum!: string | null;
  @Column('date', { nullable: true }) stopdatum!: string | null;
  @Column('text', { name: 'reden_beeindiging', nullable: true }) redenBeeindiging!: string | null;
  @Column('boolean', { name: 'volgens_plan', nullable: true }) volgensPlan!: boolean | null;
  @Column('integer', { name: 'aantal_wijzigingen' }) aantalWijzigingen!: number;
  @Column('integer', { name: 'aantal_verlengingen' }) aantalVerlengingen!: number;
  @Column('integer', { name: 'wachttijd_dagen', nullable: true }) wachttijdDagen!: number | null;
  @Column('boolean', { name: 'toewijzing_ontbreekt' }) toewijzingOntbreekt!: boolean;
  @Column('jsonb') state!: TrajectoryState;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export interface BaselineProgress {
  expected: number;
  handled: number;
  active: number;
  maxConcurrency: number;
  firstAt?: bigint;
  lastAt?: bigint;
  failure?: unknown;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function newProgress(expected: number): BaselineProgress {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { expected, handled: 0, active: 0, maxConcurrency: 0, done, resolve, reject };
}

/** The controller is built per run because @EventPattern needs the (temporary) topic name at declaration time. */
function baselineController(topic: string, progress: BaselineProgress): Type<unknown> {
  @Controller()
  class BaselineTrajectoryController {
    constructor(
      @InjectRepository(BenchBericht) private readonly berichten: Repository<BenchBericht>,
      @InjectRepository(BenchTrajectory) private readonly trajecten: Repository<BenchTrajectory>,
    ) {}

    @EventPattern(topic)
    async onAccepted(@Payload() message: AcceptedMessage): Promise<void> {
      progress.firstAt ??= now();
      progress.active++;
      progress.maxConcurrency = Math.max(progress.maxConcurrency, progress.active);
      try {
        const trajectoryId = `${message.gemeente}-${message.toewijzingNummer}`;
        await this.berichten.save(
          this.berichten.create({
            berichtKey: `${message.ontvangst.afzender}|${message.berichtId}`,
            trajectoryId,
            clientPseudonym: message.client.pseudonym,
            berichtcode: message.berichtcode,
            message,
            receivedAt: new Date(message.ontvangst.ontvangenOp),
          }),
        );
        const stored = await this.berichten.find({ where: { trajectoryId } });
        const state = deriveTrajectory(
          stored.map((b) => b.message),
          DEFAULT_INTENSITY_MAPPING,
        );
        if (state) {
          const trajectory = (await this.trajecten.findOneBy({ id: trajectoryId })) ?? this.trajecten.create({ id: trajectoryId });
          Object.assign(trajectory, columnsOf(state));
          await this.trajecten.save(trajectory);
        }
        progress.handled++;
        progress.lastAt = now();
        if (progress.handled >= progress.expected) progress.resolve();
      } catch (error) {
        progress.failure = error;
        progress.reject(error);
        throw error;
      } finally {
        progress.active--;
      }
    }
  }
  return BaselineTrajectoryController;
}

function columnsOf(s: TrajectoryState): Omit<BenchTrajectory, 'id' | 'updatedAt'> {
  return {
    clientPseudonym: s.clientPseudonym,
    gemeente: s.gemeente,
    aanbieder: s.aanbieder,
    status: s.status,
    productcategorie: s.productcategorie,
    productcode: s.productcode,
    intensiteit: s.intensiteit,
    crisis: s.crisis,
    verblijf: s.verblijf,
    gedwongenKader: s.gedwongenKader,
    ingangsdatum: s.ingangsdatum,
    einddatum: s.einddatum,
    begindatum: s.begindatum,
    stopdatum: s.stopdatum,
    redenBeeindiging: s.redenBeeindiging,
    volgensPlan: s.volgensPlan,
    aantalWijzigingen: s.aantalWijzigingen,
    aantalVerlengingen: s.aantalVerlengingen,
    wachttijdDagen: s.wachttijdDagen,
    toewijzingOntbreekt: s.toewijzingOntbreekt,
    state: s,
  };
}

export interface BaselineResult {
  records: number;
  /** First message handled → last message's writes done. */
  seconds: number;
  /** listen() → last message's writes done (includes connecting and joining the group). */
  wallSeconds: number;
  maxConcurrency: number;
  trajectories: number;
  hash: string;
}

/** Runs the NestJS microservice on `topic` until `expected` messages were handled, then closes it. */
export async function runBaseline(
  config: PlatformConfig,
  options: { topic: string; groupId: string; schema: string; expected: number; timeoutMs: number; closers?: Set<() => Promise<void>> },
): Promise<BaselineResult> {
  const progress = newProgress(options.expected);

  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: config.databaseUrl,
        schema: options.schema,
        entities: [BenchBericht, BenchTrajectory],
        synchronize: true,
        logging: ['error'],
        applicationName: 'trajectwacht-bench-baseline',
        extra: { max: 10, options: `-c search_path=${options.schema}` },
      }),
      TypeOrmModule.forFeature([BenchBericht, BenchTrajectory]),
    ],
    controllers: [baselineController(options.topic, progress)],
  })
  class BaselineModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(BaselineModule, {
    transport: Transport.KAFKA,
    options: {
      client: { brokers: config.kafkaBrokers, clientId: `bench-baseline-${options.groupId}` },
      consumer: { groupId: options.groupId },
      subscribe: { fromBeginning: true },
    },
    logger: ['error', 'warn'],
  });
  let timeout: NodeJS.Timeout | undefined;
  const close = () => app.close();
  options.closers?.add(close);
  try {
    const started = now();
    await app.listen();
    await Promise.race([
      progress.done,
      new Promise<never>((_, reject) => {
        timeout = setTimeout(
          () =>
            reject(
              new Error(
                `baseline did not handle ${options.expected} messages within ${options.timeoutMs / 1000}s (handled ${progress.handled})`,
              ),
            ),
          options.timeoutMs,
        );
      }),
    ]);
    const end = progress.lastAt ?? now();
    const wallSeconds = secondsSince(started, end);
    const seconds = secondsSince(progress.firstAt ?? started, end);
    const repo = app.get<Repository<BenchTrajectory>>(getRepositoryToken(BenchTrajectory), { strict: false });
    const rows: { hash: string | null; n: string }[] = await repo.query(
      `SELECT md5(string_agg(md5(state::text), '' ORDER BY id)) AS hash, count(*) AS n FROM bench_trajectory`,
    );
    return {
      records: progress.handled,
      seconds,
      wallSeconds,
      maxConcurrency: progress.maxConcurrency,
      trajectories: Number(rows[0]?.n ?? 0),
      hash: rows[0]?.hash ?? 'empty',
    };
  } finally {
    if (timeout) clearTimeout(timeout);
    options.closers?.delete(close);
    await app.close();
  }
}
