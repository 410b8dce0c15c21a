import { createEventProducer, type Kafka, type OutgoingMessage } from '@lambda/kafka';
import { percentile } from '../harness/stats.js';

/**
 * The baseline: the same records sent straight from a kafkajs producer with ingest's settings
 * (idempotent, acks=all), `concurrency` sends in flight from the caller's side, for `seconds`.
 */
export async function bareProducerLoad(options: {
  kafka: Kafka;
  topic: string;
  batches: readonly OutgoingMessage[][];
  concurrency: number;
  seconds: number;
}): Promise<{ eventsPerSecond: number; p99Ms: number; cpuPerEventUs: number }> {
  const producer = createEventProducer(options.kafka);
  await producer.connect();
  const latencies: number[] = [];
  let events = 0;
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + options.seconds * 1000;
  const sendUntilDeadline = async () => {
    while (performance.now() < deadline) {
      const batch = options.batches[next++ % options.batches.length] ?? [];
      const sentAt = performance.now();
      await producer.send(options.topic, batch);
      latencies.push(performance.now() - sentAt);
      events += batch.length;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sendUntilDeadline));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await producer.disconnect();
  return {
    eventsPerSecond: events / seconds,
    p99Ms: percentile(latencies, 99),
    cpuPerEventUs: (cpu.user + cpu.system) / events,
  };
}
