#!/usr/bin/env node
// Creates the project's Kafka topics (infra/kafka/topics.json) with explicit partition counts.
// Idempotent: existing topics are left as they are; a topic with fewer partitions than configured is grown.
// TRAJECTWACHT_TOPIC_PREFIX prefixes every name (the integration tests use "test.").
'use strict';
const { Kafka, logLevel } = require('kafkajs');
const prefix = process.env.TRAJECTWACHT_TOPIC_PREFIX || '';
const topics = require('../infra/kafka/topics.json').topics.map((t) => ({ ...t, name: prefix + t.name }));

async function main() {
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  const kafka = new Kafka({ clientId: 'trajectwacht-create-topics', brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1 })),
      });
    }
    const metadata = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
    const grow = [];
    for (const t of topics) {
      const meta = metadata.topics.find((m) => m.name === t.name);
      if (meta && meta.partitions.length < t.partitions) grow.push({ topic: t.name, count: t.partitions });
    }
    if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow });
    console.error(
      `[infra] topics ready: ` +
        `${topics.map((t) => `${t.name}(${t.partitions})`).join(', ')}${missing.length ? ` — created ${missing.length}` : ''}`,
    );
  } finally {
    await admin.disconnect();
  }
}

main().catch((err) => {
  console.error(`[infra] creating topics failed: ${err.message}`);
  process.exit(1);
});
