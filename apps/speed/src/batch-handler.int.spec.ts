import { createEventProducer, type ConsumedBatch, type EventProducer } from '@lambda/kafka';
import { createMetrics } from '@lambda/telemetry';
import {
  generateOrderStream,
  itemBytes,
  speedOracle,
  type LoggedDocument,
  type StreamItem,
} from '@lambda/testing';
import { shippedViews } from '@lambda/transforms';
import { readPartitionProgress } from '@lambda/views-store';
import { createBatchHandler } from './batch-handler.js';
import { createSpeedMetrics } from './speed-metrics.js';
import { createSpeedFixture } from './testing/speed-fixture.js';

const items = generateOrderStream({
  seed: 11,
  count: 3000,
  startMs: Date.UTC(2026, 3, 1),
  stepMs: 60_000,
  duplicateRate: 0.05,
  lateRate: 0.05,
  malformedRate: 0.01,
});
const BATCH = 1000;

/** The items as the consumer would hand them over: one Kafka partition, offsets from 0. */
function batchesOf(kafkaPartition: number, topic: string): ConsumedBatch[] {
  const messages = items.map((item, offset) => ({
    topic,
    partition: kafkaPartition,
    offset: String(offset),
    key: null,
    value: Buffer.from(itemBytes(item)),
    headers: { 'ingested-at': Buffer.from(String(Date.now())) },
    timestampMs: Date.now(),
  }));
  return Array.from({ length: Math.ceil(messages.length / BATCH) }, (_, i) => ({
    topic,
    partition: kafkaPartition,
    messages: messages.slice(i * BATCH, (i + 1) * BATCH),
    highWatermark: String(messages.length),
    heartbeat: async () => undefined,
  }));
}

/** The log the oracle reads: valid events only (malformed ones go to the DLQ), at their offsets. */
const logOf = (kafkaPartition: number, stream: readonly StreamItem[]): LoggedDocument[] =>
  stream.flatMap((item, offset) =>
    item.kind === 'malformed'
      ? []
      : [{ partition: kafkaPartition, offset: BigInt(offset), document: { ...item.document } }],
  );

/**
 * The batch handler against real Cassandra, fed batches directly so that re-deliveries,
 * failures, rebalances and expelled members happen exactly where the test puts them. Each test
 * uses its own Kafka partition number, so their rows never meet.
 */
describe('speed batch handler: re-deliveries, failures and rebalances (real Cassandra)', () => {
  let fixture: Awaited<ReturnType<typeof createSpeedFixture>>;
  let producer: EventProducer;
  beforeAll(async () => {
    fixture = await createSpeedFixture('handler');
    producer = createEventProducer(fixture.kafka);
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await fixture.dispose();
  });

  let registry = 0;
  const newHandler = (dlqProducer: EventProducer = producer) =>
    createBatchHandler({
      cassandra: fixture.cassandra,
      producer: dlqProducer,
      views: shippedViews.views,
      settings: {
        groupId: fixture.groupId,
        eventsTopic: fixture.topic,
        dlqTopic: fixture.dlqTopic,
        allowedLatenessMs: fixture.allowedLatenessMs,
        rowTtlSeconds: 3600,
        partitionsConcurrently: 1,
        writeConcurrency: 16,
        sessionTimeoutMs: 6000,
        maxBatchBytes: 1_048_576,
      },
      metrics: createSpeedMetrics(createMetrics({ prefix: `speed_spec_${registry++}` })),
    });

  async function expectOracle(kafkaPartition: number) {
    const expected = speedOracle(logOf(kafkaPartition, items), fixture.allowedLatenessMs);
    const ofPartition = <T>(rows: Map<string, T>) =>
      Object.fromEntries([...rows].filter(([id]) => id.endsWith(`|${kafkaPartition}`)));
    expect(ofPartition(await fixture.storedPartials())).toEqual(
      Object.fromEntries(expected.partials),
    );
    const late = await fixture.storedLateEvents(kafkaPartition);
    expect(Object.fromEntries(late)).toEqual(Object.fromEntries(expected.late));
    const progress = await readPartitionProgress(fixture.cassandra, kafkaPartition);
    expect(progress?.maxOffset).toBe(BigInt(items.length - 1));
  }

  it('skips a re-delivered batch it already wrote (a lost commit), instead of counting its events late', async () => {
    const [first, second, third] = batchesOf(0, fixture.topic);
    const handler = newHandler();
    for (const batch of [first!, second!, third!, first!, second!]) await handler.handle(batch);
    await expectOracle(0);
  });

  it('after a failed batch, handles it again from what Cassandra holds', async () => {
    const [first, second, third] = batchesOf(1, fixture.topic);
    const unconnected = createEventProducer(fixture.kafka);
    const handler = newHandler(unconnected);
    await handler.handle(first!).catch(() => undefined);
    await unconnected.connect();
    try {
      for (const batch of [first!, second!, third!]) await handler.handle(batch);
    } finally {
      await unconnected.disconnect();
    }
    await expectOracle(1);
  });

  it('rebuilds a partition held from before a rebalance when another instance moved it on', async () => {
    const [first, second, third] = batchesOf(2, fixture.topic);
    const a = newHandler();
    const b = newHandler();
    await a.handle(first!);
    b.onAssignment([2]);
    await b.handle(second!);
    a.onAssignment([2]);
    await a.handle(third!);
    await expectOracle(2);
  });

  it('keeps the newer rows when an expelled member writes an older batch after the new owner', async () => {
    const [first, second, third] = batchesOf(3, fixture.topic);
    const expelled = newHandler();
    const owner = newHandler();
    await expelled.handle(first!);
    await owner.handle(second!);
    await owner.handle(third!);
    // The expelled member never heard of the rebalance: it finishes the batch it was given.
    await expelled.handle(second!);
    await expectOracle(3);
  });
});
