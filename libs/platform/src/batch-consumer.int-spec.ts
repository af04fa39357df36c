import { BatchConsumer, RedactingLogger, TOPICS, createKafka, headerString, type ConsumedRecord } from '@trajectwacht/platform';
import { collectTopics, createTopic, deleteTopic, testConfig, testKafka, uniqueName, waitFor } from '../../../test/support/infra';

describe('BatchConsumer on the real broker', () => {
  const logger = new RedactingLogger('test', 'error');

  async function setup(handler: (records: ConsumedRecord[]) => Promise<void>, retryBudget = 3) {
    const admin = testKafka();
    const topic = uniqueName('test.batch');
    await createTopic(admin, topic, 2);
    const kafka = createKafka(testConfig(), uniqueName('bc'));
    const producer = kafka.producer();
    await producer.connect();
    const consumer = new BatchConsumer(kafka, producer, {
      groupId: uniqueName('g'),
      topics: [topic],
      retryBudget,
      logger,
      handler,
      chunkSize: 50,
    });
    await consumer.start();
    await consumer.joined;
    return {
      topic,
      producer,
      consumer,
      async close() {
        await consumer.stop();
        await producer.disconnect();
        await deleteTopic(admin, topic);
      },
    };
  }

  it('hands whole batches to the handler, dead-letters a poison record after its retry budget, and goes on', async () => {
    const processed: string[] = [];
    const attempts = new Map<string, number>();
    const calls: number[] = [];
    const dlq = await collectTopics(testKafka(), [TOPICS.deadLetter]);
    const ctx = await setup(async (records) => {
      calls.push(records.length);
      for (const r of records) {
        const v = r.value!.toString();
        attempts.set(v, (attempts.get(v) ?? 0) + 1);
        if (v === 'poison') throw new Error('cannot process poison');
      }
      processed.push(...records.map((r) => r.value!.toString()));
    });
    try {
      const values = Array.from({ length: 200 }, (_, i) => (i === 77 ? 'poison' : `ok-${i}`));
      await ctx.producer.send({ topic: ctx.topic, acks: -1, messages: values.map((value) => ({ key: 'same-partition', value })) });
      await waitFor(async () => processed.length === 199);
      const dead = await waitFor(async () => dlq.messages.find((m) => m.value === 'poison' && m.headers['dlq-source-topic'] === ctx.topic));
      expect(dead.headers['dlq-error']).toContain('cannot process poison');
      expect(dead.headers['dlq-attempts']).toBe('3');
      expect(attempts.get('poison')).toBeGreaterThanOrEqual(3);
      expect(new Set(processed).size).toBe(199);
      expect(Math.max(...calls)).toBeGreaterThan(1); // batches, not one record per call
      expect(ctx.consumer.stats.deadLettered).toBe(1);
    } finally {
      await ctx.close();
      await dlq.stop();
    }
  });

  it('retries an infrastructure outage until it heals instead of dead-lettering', async () => {
    let failures = 0;
    const processed: string[] = [];
    const ctx = await setup(async (records) => {
      if (failures < 2) {
        failures++;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      }
      processed.push(...records.map((r) => r.value!.toString()));
    }, 1);
    try {
      await ctx.producer.send({ topic: ctx.topic, acks: -1, messages: [{ value: 'a' }, { value: 'b' }] });
      await waitFor(async () => processed.length === 2, 30_000);
      expect(ctx.consumer.stats.deadLettered).toBe(0);
      expect(failures).toBe(2);
    } finally {
      await ctx.close();
    }
  });

  it('reads header values as strings', () => {
    expect(headerString({ a: Buffer.from('x'), b: ['y'], c: undefined }, 'a')).toBe('x');
    expect(headerString({ b: [Buffer.from('y')] }, 'b')).toBe('y');
    expect(headerString({}, 'c')).toBeUndefined();
  });
});
