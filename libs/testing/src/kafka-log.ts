import type { Kafka } from 'kafkajs';
import type { LoggedDocument } from './oracle.js';
import type { StreamItem } from './order-stream.js';
import { eventually } from './local-stack.js';

/** The bytes a client would have sent for an item: the event JSON, or the malformed body. */
export const itemBytes = (item: StreamItem) =>
  item.kind === 'malformed' ? item.body : JSON.stringify(item.document);
const itemKey = (item: StreamItem) =>
  item.kind === 'malformed' ? 'malformed' : item.document.order_id;

/**
 * Appends items to a topic as ingest would (keyed by order, `ingested-at` header), in chunks,
 * optionally paced to `eventsPerSecond`.
 */
export async function produceItems(
  kafka: Kafka,
  topic: string,
  items: readonly StreamItem[],
  { chunk = 2000, eventsPerSecond }: { chunk?: number; eventsPerSecond?: number } = {},
): Promise<void> {
  // A plain kafkajs producer: libs/kafka's own tests use this lib, so it must not depend on libs/kafka.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < items.length; i += chunk) {
      const started = Date.now();
      const messages = items.slice(i, i + chunk).map((item) => ({
        key: itemKey(item),
        value: itemBytes(item),
        headers: { 'ingested-at': String(Date.now()) },
      }));
      await producer.send({ topic, messages, acks: -1 });
      if (eventsPerSecond) {
        const due = (messages.length / eventsPerSecond) * 1000 - (Date.now() - started);
        if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      }
    }
  } finally {
    await producer.disconnect();
  }
}

/** Every message of a topic with its partition and offset: the log as consumers saw it. */
export async function readLog(kafka: Kafka, topic: string): Promise<LoggedDocument[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high)]),
  );
  const log: LoggedDocument[] = [];
  if (remaining.size === 0) return log;
  const consumer = kafka.consumer({ groupId: `read-log-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let done: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        let document: Record<string, unknown>;
        try {
          document = JSON.parse(m.value?.toString() ?? '');
        } catch {
          document = { malformed: m.value?.toString() };
        }
        log.push({ partition: batch.partition, offset: BigInt(m.offset), document });
      }
      if (BigInt(batch.lastOffset()) + 1n >= (remaining.get(batch.partition) ?? 0n))
        remaining.delete(batch.partition);
      if (remaining.size === 0) done();
    },
  });
  await finished;
  await consumer.disconnect();
  return log;
}

/** Resolves once the group has committed up to the end of every partition of the topic. */
export async function waitForGroupCaughtUp(
  kafka: Kafka,
  groupId: string,
  topic: string,
  timeoutMs = 120_000,
) {
  const admin = kafka.admin();
  await admin.connect();
  let behind: string[] = [];
  try {
    await eventually(
      async () => {
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId, topics: [topic] }),
        ]);
        behind = ends.flatMap((end) => {
          const done =
            committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          return end.high === end.low || BigInt(done) >= BigInt(end.high)
            ? []
            : [`partition ${end.partition} committed ${done} of ${end.high}`];
        });
        return behind.length === 0;
      },
      { timeoutMs, intervalMs: 500 },
    );
  } catch (error) {
    throw new Error(`${groupId} has not caught up on ${topic}: ${behind.join(', ')}`, {
      cause: error,
    });
  } finally {
    await admin.disconnect();
  }
}
