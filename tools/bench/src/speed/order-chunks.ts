import type { Kafka, Message } from 'kafkajs';
import { generateOrderStream, itemBytes, type StreamItem } from '@lambda/testing';

export interface StreamShape {
  /** Event time of the first event. */
  startMs: number;
  /** Average event-time step between two events. */
  stepMs: number;
  duplicateRate: number;
  lateRate: number;
}

const CHUNK = 100_000;

/**
 * `count` order events as the traffic generator makes them, in chunks of 100,000 (a seed and an
 * event-time span each), so that ten million never sit in memory at once.
 */
export function* orderChunks(count: number, shape: StreamShape, seed = 1): Generator<StreamItem[]> {
  for (let from = 0, i = 0; from < count; from += CHUNK, i++)
    yield generateOrderStream({
      seed: seed * 100_000 + i,
      count: Math.min(CHUNK, count - from),
      startMs: shape.startMs + i * CHUNK * shape.stepMs,
      stepMs: shape.stepMs,
      duplicateRate: shape.duplicateRate,
      lateRate: shape.lateRate,
    });
}

/** A Kafka record as ingest writes it: keyed by order, `ingested-at` set to now. */
export const asMessage = (item: StreamItem): Message => ({
  key: item.kind === 'malformed' ? 'malformed' : item.document.order_id,
  value: itemBytes(item),
  headers: { 'ingested-at': String(Date.now()) },
});

/**
 * Fills a topic as fast as the broker takes it: several sends in flight from a plain producer.
 * Only the bench's own input, so ordering across retries does not matter here.
 */
export async function fillTopic(kafka: Kafka, topic: string, chunks: Iterable<StreamItem[]>) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let sent = 0;
  try {
    for (const items of chunks) {
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < items.length; i += 2000)
        sends.push(
          producer.send({ topic, acks: -1, messages: items.slice(i, i + 2000).map(asMessage) }),
        );
      await Promise.all(sends);
      sent += items.length;
      if (sent % 1_000_000 < items.length)
        process.stderr.write(`[bench] speed: ${sent} events in the topic\n`);
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}
