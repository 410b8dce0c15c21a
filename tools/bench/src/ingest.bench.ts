/**
 * Ingest throughput side by side with a bare kafkajs producer, against the real local Kafka:
 * `npx tsx tools/bench/src/ingest.bench.ts` (BENCH_RUNS, BENCH_SECONDS to change the defaults).
 */
import { mintApiKey } from '@lambda/auth';
import { kafkaSection, loadConfig } from '@lambda/config';
import { createKafka, ensureTopics, type Kafka } from '@lambda/kafka';
import { createLogger } from '@lambda/telemetry';
import { eventually, startApp } from '@lambda/testing';
import { runBench } from './harness/run-bench.js';
import { cpuSeconds } from './harness/process-cpu.js';
import { peakRssMiB, residentMiB } from './harness/process-memory.js';
import { bareProducerLoad } from './ingest/bare-producer-load.js';
import { httpLoad } from './ingest/http-load.js';
import { asRecord, inBatches, orderEvents } from './ingest/order-events.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const WARM_UP_SECONDS = 3;
const CONNECTIONS = 16;
const EVENTS_PER_REQUEST = 100;
const POOL_EVENTS = 50_000;

const logger = createLogger({ service: 'bench', level: 'error' });

async function withTopics<T>(kafka: Kafka, run: (raw: string, dlq: string) => Promise<T>) {
  const prefix = `bench.ingest.${process.pid}.${Date.now()}`;
  const [raw, dlq] = [`${prefix}.raw`, `${prefix}.dlq`];
  await ensureTopics(kafka, [
    { topic: raw, numPartitions: 6 },
    { topic: dlq, numPartitions: 1 },
  ]);
  try {
    return await run(raw, dlq);
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [raw, dlq] });
    await admin.disconnect();
  }
}

async function measureIngest(raw: string, dlq: string, prefix: string) {
  const key = mintApiKey({ id: 'bench', scopes: ['events:write'], ratePerSecond: 1e9 });
  const app = await startApp('ingest', {
    env: { API_KEYS: JSON.stringify([key.entry]), INGEST_RAW_TOPIC: raw, INGEST_DLQ_TOPIC: dlq },
  });
  try {
    await eventually(async () => (await fetch(`${app.url}/readyz`)).status === 200);
    const idleRssMiB = residentMiB(app.process.pid ?? 0, 'VmRSS');
    const events = orderEvents(POOL_EVENTS, prefix);
    const load = { url: app.url, token: key.token, connections: CONNECTIONS };
    const batchBodies = inBatches(events, EVENTS_PER_REQUEST).map((b) => JSON.stringify(b));
    await httpLoad({ ...load, bodies: batchBodies, seconds: WARM_UP_SECONDS });
    const cpuBefore = cpuSeconds(app.process.pid ?? 0);
    const batched = await httpLoad({ ...load, bodies: batchBodies, seconds: SECONDS });
    const cpuPerEventUs =
      ((cpuSeconds(app.process.pid ?? 0) - cpuBefore) * 1e6) / (batched.ok * EVENTS_PER_REQUEST);
    const singleBodies = events.map((event) => JSON.stringify(event));
    const single = await httpLoad({ ...load, bodies: singleBodies, seconds: SECONDS });
    return {
      batched,
      single,
      cpuPerEventUs,
      idleRssMiB,
      peakRssMiB: peakRssMiB(app.process.pid ?? 0),
    };
  } finally {
    await app.stop();
  }
}

async function measureBareProducer(kafka: Kafka, raw: string, prefix: string) {
  const batches = inBatches(orderEvents(POOL_EVENTS, prefix).map(asRecord), EVENTS_PER_REQUEST);
  const load = { kafka, topic: raw, batches, concurrency: CONNECTIONS };
  await bareProducerLoad({ ...load, seconds: WARM_UP_SECONDS });
  return bareProducerLoad({ ...load, seconds: SECONDS });
}

void runBench({
  name: 'ingest',
  runs: Number(process.env['BENCH_RUNS'] ?? 3),
  setup: {
    secondsPerMeasurement: SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
    connectionsOrConcurrentSends: CONNECTIONS,
    eventsPerRequest: EVENTS_PER_REQUEST,
    kafka: 'local stack, 1 broker, 6-partition topic, idempotent producer, acks=all',
    ingest: 'real process via tsx (libs/testing startApp), default settings',
    order: 'even runs measure ingest first, odd runs the bare producer first',
  },
  metrics: {
    ingestEventsPerSecond: 'ingest: accepted events/s (100-event requests)',
    ingestP99Ms: 'ingest: request p99 ms (100-event requests)',
    ingestCpuUsPerEvent: 'ingest: CPU µs per accepted event (its own process)',
    bareEventsPerSecond: 'bare kafkajs producer: events/s (100-event sends)',
    bareP99Ms: 'bare kafkajs producer: send p99 ms',
    bareCpuUsPerEvent: 'bare kafkajs producer: CPU µs per event (its process)',
    ratio: 'ratio ingest / bare producer',
    singleRequestsPerSecond: 'ingest: single-event requests/s',
    singleP99Ms: 'ingest: single-event request p99 ms',
    idleRssMiB: 'ingest: RSS MiB when ready, before load',
    peakRssMiB: 'ingest: peak RSS MiB',
    failedRequests: 'ingest: non-202 answers and errors',
  },
  async run(index) {
    const kafka = createKafka(loadConfig({ kafka: kafkaSection }).kafka, { logger });
    return withTopics(kafka, async (raw, dlq) => {
      const prefix = `bench-${process.pid}-${index}`;
      const ingestFirst = index % 2 === 0;
      const bareBefore = ingestFirst ? undefined : await measureBareProducer(kafka, raw, prefix);
      const ingest = await measureIngest(raw, dlq, prefix);
      const bare = bareBefore ?? (await measureBareProducer(kafka, raw, prefix));
      const ingestEventsPerSecond = ingest.batched.okPerSecond * EVENTS_PER_REQUEST;
      return {
        ingestEventsPerSecond,
        ingestP99Ms: ingest.batched.p99Ms,
        ingestCpuUsPerEvent: ingest.cpuPerEventUs,
        bareEventsPerSecond: bare.eventsPerSecond,
        bareP99Ms: bare.p99Ms,
        bareCpuUsPerEvent: bare.cpuPerEventUs,
        ratio: ingestEventsPerSecond / bare.eventsPerSecond,
        singleRequestsPerSecond: ingest.single.okPerSecond,
        singleP99Ms: ingest.single.p99Ms,
        idleRssMiB: ingest.idleRssMiB,
        peakRssMiB: ingest.peakRssMiB,
        failedRequests: ingest.batched.failed + ingest.single.failed,
      };
    });
  },
});
