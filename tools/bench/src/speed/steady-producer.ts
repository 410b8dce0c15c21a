import type { Kafka } from 'kafkajs';

const TICK_MS = 50;
const MAX_IN_FLIGHT = 8;

/**
 * Produces `records` at a steady `eventsPerSecond` (as many as there are, or `seconds` worth): a
 * send every 50 ms on an absolute schedule (a slow send does not lower the rate while fewer than
 * 8 are in flight), each record stamped `ingested-at` when sent. Returns the rate achieved.
 */
export async function produceSteadily(
  kafka: Kafka,
  topic: string,
  {
    eventsPerSecond,
    seconds,
    records,
  }: {
    eventsPerSecond: number;
    seconds: number;
    records: readonly { key: string; value: string }[];
  },
): Promise<{ eventsPerSecond: number; events: number }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const perTick = Math.round((eventsPerSecond * TICK_MS) / 1000);
  const ticks = Math.round((seconds * 1000) / TICK_MS);
  const inFlight = new Set<Promise<unknown>>();
  const started = performance.now();
  let events = 0;
  try {
    for (let tick = 0; tick < ticks; tick++) {
      const due = started + tick * TICK_MS - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const ingestedAt = String(Date.now());
      const messages = records
        .slice(events, events + perTick)
        .map((record) => ({ ...record, headers: { 'ingested-at': ingestedAt } }));
      const send = producer
        .send({ topic, acks: -1, messages })
        .finally(() => inFlight.delete(send));
      inFlight.add(send);
      events += messages.length;
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return { eventsPerSecond: (events * 1000) / (performance.now() - started), events };
}
