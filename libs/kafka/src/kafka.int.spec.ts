import { Writable } from 'node:stream';
import { KafkaJSNonRetriableError } from 'kafkajs';
import { kafkaSection, loadConfig } from '@lambda/config';
import { createLogger } from '@lambda/telemetry';
import { eventually } from '@lambda/testing';
import {
  createBatchConsumer,
  createEventProducer,
  createKafka,
  ensureTopics,
  kafkaReadiness,
  type ConsumedMessage,
} from './index.js';

const logger = createLogger({
  service: 'kafka-spec',
  level: 'error',
  destination: new Writable({ write: (_c, _e, d) => d() }),
});
const { kafka: config } = loadConfig({ kafka: kafkaSection });
const kafka = createKafka(config, { logger });
const topic = `it.kafka.${process.pid}.${Date.now()}`;

describe('Kafka through @lambda/kafka (real broker)', () => {
  beforeAll(async () => {
    expect(await ensureTopics(kafka, [{ topic, numPartitions: 2 }])).toEqual([topic]);
  });

  it('creates topics idempotently', async () => {
    expect(await ensureTopics(kafka, [{ topic, numPartitions: 2 }])).toEqual([]);
  });

  it('produces with acks=all and consumes in batches, committing after the handler', async () => {
    const producer = createEventProducer(kafka);
    await producer.connect();
    const sent = Array.from({ length: 20 }, (_, i) => ({
      key: `k${i % 4}`,
      value: JSON.stringify({ i }),
    }));
    const offsets = await producer.send(topic, sent);
    expect(offsets.length).toBeGreaterThan(0);
    await producer.disconnect();

    const received: ConsumedMessage[] = [];
    let resolveAll: () => void;
    const all = new Promise<void>((resolve) => (resolveAll = resolve));
    const groupId = `${topic}.group`;
    const assignments: Record<string, readonly number[]>[] = [];
    const consumer = createBatchConsumer({
      kafka,
      groupId,
      topics: [topic],
      logger,
      handleBatch: async (batch) => {
        await batch.heartbeat();
        received.push(...batch.messages);
        if (received.length >= sent.length) resolveAll();
      },
      onAssignment: (assigned) => assignments.push({ ...assigned }),
      onStoppedForGood: (error) => {
        throw error;
      },
    });
    await consumer.start();
    await all;
    const admin = kafka.admin();
    await admin.connect();
    const committedTotal = async () => {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return committed!.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    };
    await eventually(async () => (await committedTotal()) === sent.length);
    await consumer.stop();
    await admin.disconnect();
    expect(assignments).toEqual([{ [topic]: [0, 1] }]);

    expect(received.map((m) => JSON.parse(m.value!.toString()).i).sort((a, b) => a - b)).toEqual(
      sent.map((_, i) => i),
    );
    expect(
      received.every(
        (m) =>
          m.headers?.['traceparent'] === undefined || Buffer.isBuffer(m.headers['traceparent']),
      ),
    ).toBe(true);
  });

  it('tells its owner when kafkajs stops the consumer for good, so the process can exit', async () => {
    const producer = createEventProducer(kafka);
    await producer.connect();
    await producer.send(topic, [{ key: 'k', value: '{}' }]);
    await producer.disconnect();
    let stoppedBy: unknown;
    const consumer = createBatchConsumer({
      kafka,
      groupId: `${topic}.gives-up`,
      topics: [topic],
      logger,
      handleBatch: async () => {
        throw new KafkaJSNonRetriableError('a fault no retry mends');
      },
      onStoppedForGood: (error) => (stoppedBy = error),
    });
    await consumer.start();
    try {
      await eventually(async () => stoppedBy !== undefined, { timeoutMs: 60_000 });
      expect(String(stoppedBy)).toContain('a fault no retry mends');
      expect(consumer.joined).toBe(false);
    } finally {
      await consumer.stop();
    }
  }, 90_000);

  it('reports readiness from a cluster round trip, and failure when the broker is absent', async () => {
    const probe = kafkaReadiness(kafka);
    await expect(probe.check()).resolves.toBeUndefined();
    await probe.close();
    const nowhere = kafkaReadiness(
      createKafka(
        { ...config, brokers: ['127.0.0.1:1'] },
        { logger, retries: 0, connectionTimeoutMs: 500 },
      ),
    );
    await expect(nowhere.check()).rejects.toMatchObject({ code: 'kafka_unavailable' });
  });
});
