import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { createTopic, deleteTopic, testKafka, uniqueName } from '../../../test/support/infra';
import { DEFAULT_GROUP_IDS, PipelineLag, pipelineStages } from './pipeline-lag';
import { TOPICS } from './topics';

/** PipelineLag against the real broker: what the stages' groups have still to read, from their committed offsets. */
describe('PipelineLag (real Kafka)', () => {
  const kafka = testKafka();
  const first = uniqueName('lag-a').replace(/_/g, '-');
  const second = uniqueName('lag-b').replace(/_/g, '-');
  const groupA = uniqueName('lag-group-a');
  const groupB = uniqueName('lag-group-b');
  let producer: Producer;
  let admin: Admin;
  let lag: PipelineLag;

  const commit = (groupId: string, topic: string, partitions: { partition: number; offset: string }[]) =>
    admin.setOffsets({ groupId, topic, partitions });

  beforeAll(async () => {
    await createTopic(kafka, first, 2);
    await createTopic(kafka, second, 1);
    producer = kafka.producer();
    await producer.connect();
    admin = kafka.admin();
    await admin.connect();
    await producer.send({ topic: first, acks: -1, messages: [0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: `a${i}` })) });
    await producer.send({
      topic: second,
      acks: -1,
      messages: [
        { partition: 0, value: 'b0' },
        { partition: 0, value: 'b1' },
      ],
    });
    lag = new PipelineLag(kafka, [
      { service: 'ingest', groupId: groupA, topic: first },
      { service: 'signals', groupId: groupB, topic: second },
    ]);
  });

  afterAll(async () => {
    await lag?.close();
    await admin?.disconnect();
    await producer?.disconnect();
    await deleteTopic(kafka, first);
    await deleteTopic(kafka, second);
  });

  it('holds nothing back for a group that never committed (a stage not running here)', async () => {
    expect(await lag.remaining()).toBe(0);
  });

  it('sums, over the stages, the records after each committed offset; uncommitted partitions do not count', async () => {
    await commit(groupA, first, [{ partition: 0, offset: '1' }]); // partition 0: 2 of 3 left; partition 1: never committed
    expect(await lag.remaining()).toBe(2);
    await commit(groupB, second, [{ partition: 0, offset: '0' }]);
    expect(await lag.remaining()).toBe(4);
    await commit(groupA, first, [
      { partition: 0, offset: '3' },
      { partition: 1, offset: '1' },
    ]);
    expect(await lag.remaining()).toBe(3);
    await commit(groupB, second, [{ partition: 0, offset: '2' }]);
    await commit(groupA, first, [{ partition: 1, offset: '2' }]);
    expect(await lag.remaining()).toBe(0);
  });

  it('throws when the broker cannot be asked, and asks again on the next call', async () => {
    const unreachable = new PipelineLag(
      new Kafka({ brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 300 }),
      [{ service: 'ingest', groupId: groupA, topic: first }],
    );
    await expect(unreachable.remaining()).rejects.toThrow();
    await expect(unreachable.remaining()).rejects.toThrow();
    await unreachable.close();
  });

  it('names the chain ingest → trajectory → signals with the services’ defaults and their overrides', () => {
    expect(pipelineStages({})).toEqual([
      { service: 'ingest', groupId: DEFAULT_GROUP_IDS.ingest, topic: TOPICS.berichten },
      { service: 'trajectory', groupId: DEFAULT_GROUP_IDS.trajectory, topic: TOPICS.geaccepteerd },
      { service: 'signals', groupId: DEFAULT_GROUP_IDS.signals, topic: TOPICS.trajectoryEvents },
    ]);
    expect(pipelineStages({ TRAJECTORY_GROUP_ID: 'g2', SIGNAL_SOURCE_TOPIC: 'elders' })).toEqual([
      { service: 'ingest', groupId: DEFAULT_GROUP_IDS.ingest, topic: TOPICS.berichten },
      { service: 'trajectory', groupId: 'g2', topic: TOPICS.geaccepteerd },
      { service: 'signals', groupId: DEFAULT_GROUP_IDS.signals, topic: 'elders' },
    ]);
  });
});
