import type { Admin, Kafka } from 'kafkajs';
import { consumerOverrides, type CONSUMER_PREFIXES } from './config';
import { TOPICS } from './topics';

/**
 * The chain a bericht passes before the signal engine sees it, as consumer groups: ingest reads ijw.berichten.v1,
 * the trajectory projection ijw.geaccepteerd.v1, the signal engine trajectory.events.v1. The default group ids live
 * here so that each service's consumer and the signal engine's view of the whole chain name the same groups; each
 * service's <PREFIX>_GROUP_ID and <PREFIX>_SOURCE_TOPIC override them (consumerOverrides), for both alike.
 */
export const DEFAULT_GROUP_IDS = {
  ingest: 'trajectwacht-ingest',
  trajectory: 'trajectwacht-trajectory',
  signals: 'trajectwacht-signals',
} as const;

export interface PipelineStage {
  service: keyof typeof DEFAULT_GROUP_IDS;
  groupId: string;
  topic: string;
}

const CHAIN: readonly (PipelineStage & { prefix: (typeof CONSUMER_PREFIXES)[number] })[] = [
  { service: 'ingest', prefix: 'INGEST', groupId: DEFAULT_GROUP_IDS.ingest, topic: TOPICS.berichten },
  { service: 'trajectory', prefix: 'TRAJECTORY', groupId: DEFAULT_GROUP_IDS.trajectory, topic: TOPICS.geaccepteerd },
  { service: 'signals', prefix: 'SIGNAL', groupId: DEFAULT_GROUP_IDS.signals, topic: TOPICS.trajectoryEvents },
];

/** The chain's stages, in order, with the overrides of `env` (default: this process's environment, as consumerOverrides). */
export function pipelineStages(env?: NodeJS.ProcessEnv): PipelineStage[] {
  return CHAIN.map(({ service, prefix, groupId, topic }) => {
    const overrides = consumerOverrides(prefix, env);
    return { service, groupId: overrides.groupId ?? groupId, topic: overrides.topic ?? topic };
  });
}

/**
 * Records the stages' groups have still to read, from the broker: per partition the end offset minus the group's
 * committed offset, summed. Only partitions the group has committed on count. A group that never committed (a stage
 * not deployed here, or one that starts at the end of its topic) holds nothing back; a running stage commits after
 * every chunk it handled. One admin connection, made on first use and made again after a failure.
 */
export class PipelineLag {
  private admin?: Admin;

  constructor(
    private readonly kafka: Kafka,
    private readonly stages: readonly PipelineStage[] = pipelineStages(),
  ) {}

  /** The records left over all stages (0: caught up). Throws when the broker cannot be asked. */
  async remaining(): Promise<number> {
    if (!this.admin) {
      const admin = this.kafka.admin({ retry: { retries: 1 } });
      await admin.connect();
      this.admin = admin;
    }
    const admin = this.admin;
    try {
      let remaining = 0n;
      for (const stage of this.stages) {
        const ends = new Map((await admin.fetchTopicOffsets(stage.topic)).map((o) => [o.partition, BigInt(o.high)]));
        const [committed] = await admin.fetchOffsets({ groupId: stage.groupId, topics: [stage.topic] });
        for (const p of committed?.partitions ?? []) {
          const at = BigInt(p.offset);
          const end = ends.get(p.partition);
          if (at < 0n || end === undefined || end <= at) continue;
          remaining += end - at;
        }
      }
      return Number(remaining);
    } catch (error) {
      this.admin = undefined;
      void admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
