// Deletes the topics of this test run (see global-setup.js).
const { Kafka, logLevel } = require('kafkajs');

module.exports = async () => {
  const prefix = process.env.TRAJECTWACHT_TOPIC_PREFIX;
  if (!prefix || !prefix.startsWith('test.')) return;
  const kafka = new Kafka({
    clientId: 'test-teardown',
    brokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
};
