import topicsFile from '../../../infra/kafka/topics.json';
import { setting } from './config';

/**
 * Optional prefix of every topic name (TRAJECTWACHT_TOPIC_PREFIX, read once at start-up). The integration tests use
 * "test." so that a platform running on the same broker never consumes test traffic, and the other way round.
 */
export const TOPIC_PREFIX = setting('TRAJECTWACHT_TOPIC_PREFIX');

/** Kafka topic names; the partition counts live in infra/kafka/topics.json (created by `npm run infra:up`). */
export const TOPICS = {
  berichten: `${TOPIC_PREFIX}ijw.berichten.v1`,
  geaccepteerd: `${TOPIC_PREFIX}ijw.geaccepteerd.v1`,
  retour: `${TOPIC_PREFIX}ijw.retour.v1`,
  trajectoryEvents: `${TOPIC_PREFIX}trajectory.events.v1`,
  alerts: `${TOPIC_PREFIX}alerts.v1`,
  vervolg: `${TOPIC_PREFIX}vervolg.v1`,
  deadLetter: `${TOPIC_PREFIX}deadletter.v1`,
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export interface TopicDefinition {
  name: string;
  partitions: number;
  description: string;
}

export const TOPIC_DEFINITIONS: readonly TopicDefinition[] = topicsFile.topics.map((t) => ({ ...t, name: `${TOPIC_PREFIX}${t.name}` }));

// Fail fast at import time when the code and the topic file disagree.
for (const name of Object.values(TOPICS)) {
  if (!TOPIC_DEFINITIONS.some((t) => t.name === name)) throw new Error(`Topic ${name} is missing from infra/kafka/topics.json`);
}
