import topicsFile from '../../../infra/kafka/topics.json';

/** Kafka topic names; the partition counts live in infra/kafka/topics.json (created by `npm run infra:up`). */
export const TOPICS = {
  berichten: 'ijw.berichten.v1',
  geaccepteerd: 'ijw.geaccepteerd.v1',
  retour: 'ijw.retour.v1',
  trajectoryEvents: 'trajectory.events.v1',
  alerts: 'alerts.v1',
  deadLetter: 'deadletter.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export interface TopicDefinition {
  name: string;
  partitions: number;
  description: string;
}

export const TOPIC_DEFINITIONS: readonly TopicDefinition[] = topicsFile.topics;

// Fail fast at import time when the code and the topic file disagree.
for (const name of Object.values(TOPICS)) {
  if (!TOPIC_DEFINITIONS.some((t) => t.name === name)) throw new Error(`Topic ${name} is missing from infra/kafka/topics.json`);
}
