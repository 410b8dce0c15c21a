/**
 * Ingest throughput side by side with a bare kafkajs producer, against the real local Kafka:
 * `npx tsx tools/bench/src/ingest.bench.ts` (BENCH_RUNS, BENCH_SECONDS to change the defaults).
 *
 * Ingest runs three ways: through tsx as in development and tests; as the esbuild bundle its
 * image runs; and that bundle with the V8 heap it gets in the chart's pod (512 Mi limit). Node
 * sizes V8's heap from the cgroup memory limit (heap_size_limit measured under a 512 MiB cgroup:
 * 259 MiB, i.e. old space 256 MiB and 1 MiB semi-spaces), and the chart's `ingest.nodeFlags`
 * raise the semi-spaces and the old generation's growth; this machine has no such limit, so its
 * defaults (4 GiB, 16 MiB semi-spaces) let garbage pile up far longer.
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
import { bareProducerIdleRssMiB, bundleApp, startBundle } from './ingest/bundled-app.js';
import { chartNodeFlags } from './ingest/chart-node-flags.js';
import { httpLoad } from './ingest/http-load.js';
import { asRecord, inBatches, orderEvents } from './ingest/order-events.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const WARM_UP_SECONDS = 3;
const CONNECTIONS = 16;
const EVENTS_PER_REQUEST = 100;
const POOL_EVENTS = 50_000;
/** The old space Node derives from the chart's 512 Mi limit, and the chart's flags for ingest. */
const POD_HEAP_FLAGS = ['--max-old-space-size=256', ...chartNodeFlags('ingest')];

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

interface RunningIngest {
  url: string;
  pid: number;
}

/** Idle RSS, then 100-event requests (after a warm-up), then optionally single-event requests. */
async function loadIngest(app: RunningIngest, token: string, prefix: string, single: boolean) {
  await eventually(async () => (await fetch(`${app.url}/readyz`)).status === 200);
  const idleRssMiB = residentMiB(app.pid, 'VmRSS');
  const events = orderEvents(POOL_EVENTS, prefix);
  const load = { url: app.url, token, connections: CONNECTIONS };
  const batchBodies = inBatches(events, EVENTS_PER_REQUEST).map((b) => JSON.stringify(b));
  await httpLoad({ ...load, bodies: batchBodies, seconds: WARM_UP_SECONDS });
  const cpuBefore = cpuSeconds(app.pid);
  const batched = await httpLoad({ ...load, bodies: batchBodies, seconds: SECONDS });
  const cpuPerEventUs =
    ((cpuSeconds(app.pid) - cpuBefore) * 1e6) / (batched.ok * EVENTS_PER_REQUEST);
  const singleLoad = single
    ? await httpLoad({ ...load, bodies: events.map((e) => JSON.stringify(e)), seconds: SECONDS })
    : undefined;
  return {
    batched,
    single: singleLoad,
    cpuPerEventUs,
    idleRssMiB,
    peakRssMiB: peakRssMiB(app.pid),
  };
}

function ingestEnv(raw: string, dlq: string) {
  const key = mintApiKey({ id: 'bench', scopes: ['events:write'], ratePerSecond: 1e9 });
  const env = {
    API_KEYS: JSON.stringify([key.entry]),
    INGEST_RAW_TOPIC: raw,
    INGEST_DLQ_TOPIC: dlq,
  };
  return { env, token: key.token };
}

async function measureIngest(raw: string, dlq: string, prefix: string) {
  const { env, token } = ingestEnv(raw, dlq);
  const app = await startApp('ingest', { env });
  try {
    return await loadIngest({ url: app.url, pid: app.process.pid ?? 0 }, token, prefix, true);
  } finally {
    await app.stop();
  }
}

async function measureBundle(
  file: string,
  nodeArgs: string[],
  raw: string,
  dlq: string,
  prefix: string,
) {
  const { env, token } = ingestEnv(raw, dlq);
  const app = await startBundle(file, { env, nodeArgs });
  try {
    return await loadIngest(app, token, prefix, false);
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
    bundle:
      'the esbuild bundle of apps/ingest (as nx build makes it for the image), run as node --enable-source-maps main.js',
    bundleInPod: `the bundle with ${POD_HEAP_FLAGS.join(' ')}: the old space Node derives from the chart's 512 Mi memory limit, and its ingest.nodeFlags`,
    order:
      'even runs measure ingest (tsx, bundle, bundle with the pod heap) first, odd runs the bare producer first',
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
    bundleEventsPerSecond: 'ingest bundle: accepted events/s (100-event requests)',
    bundleP99Ms: 'ingest bundle: request p99 ms (100-event requests)',
    bundleCpuUsPerEvent: 'ingest bundle: CPU µs per accepted event',
    bundleRatio: 'ratio ingest bundle / bare producer (the image runs the bundle)',
    bundleIdleRssMiB: 'ingest bundle: RSS MiB when ready, before load',
    bundlePeakRssMiB: 'ingest bundle: peak RSS MiB',
    podEventsPerSecond: "ingest bundle, pod's heap: accepted events/s",
    podRatio: "ratio ingest bundle with the pod's heap / bare producer",
    podCpuUsPerEvent: "ingest bundle, pod's heap: CPU µs per accepted event",
    podPeakRssMiB: "ingest bundle, pod's heap: peak RSS MiB",
    bareIdleRssMiB: 'bare kafkajs producer process: RSS MiB when connected (Node + kafkajs)',
    failedRequests: 'ingest (all three): non-202 answers and errors',
  },
  async run(index) {
    const kafkaConfig = loadConfig({ kafka: kafkaSection }).kafka;
    const kafka = createKafka(kafkaConfig, { logger });
    const bundle = await bundleApp('ingest');
    return withTopics(kafka, async (raw, dlq) => {
      const prefix = `bench-${process.pid}-${index}`;
      const ingestFirst = index % 2 === 0;
      const bareBefore = ingestFirst ? undefined : await measureBareProducer(kafka, raw, prefix);
      const ingest = await measureIngest(raw, dlq, prefix);
      const bundled = await measureBundle(bundle, [], raw, dlq, prefix);
      const inPod = await measureBundle(bundle, POD_HEAP_FLAGS, raw, dlq, prefix);
      const bare = bareBefore ?? (await measureBareProducer(kafka, raw, prefix));
      const ingestEventsPerSecond = ingest.batched.okPerSecond * EVENTS_PER_REQUEST;
      const bundleEventsPerSecond = bundled.batched.okPerSecond * EVENTS_PER_REQUEST;
      const podEventsPerSecond = inPod.batched.okPerSecond * EVENTS_PER_REQUEST;
      return {
        ingestEventsPerSecond,
        ingestP99Ms: ingest.batched.p99Ms,
        ingestCpuUsPerEvent: ingest.cpuPerEventUs,
        bareEventsPerSecond: bare.eventsPerSecond,
        bareP99Ms: bare.p99Ms,
        bareCpuUsPerEvent: bare.cpuPerEventUs,
        ratio: ingestEventsPerSecond / bare.eventsPerSecond,
        singleRequestsPerSecond: ingest.single?.okPerSecond ?? NaN,
        singleP99Ms: ingest.single?.p99Ms ?? NaN,
        idleRssMiB: ingest.idleRssMiB,
        peakRssMiB: ingest.peakRssMiB,
        bundleEventsPerSecond,
        bundleP99Ms: bundled.batched.p99Ms,
        bundleCpuUsPerEvent: bundled.cpuPerEventUs,
        bundleRatio: bundleEventsPerSecond / bare.eventsPerSecond,
        bundleIdleRssMiB: bundled.idleRssMiB,
        bundlePeakRssMiB: bundled.peakRssMiB,
        podEventsPerSecond,
        podRatio: podEventsPerSecond / bare.eventsPerSecond,
        podCpuUsPerEvent: inPod.cpuPerEventUs,
        podPeakRssMiB: inPod.peakRssMiB,
        bareIdleRssMiB: await bareProducerIdleRssMiB(kafkaConfig.brokers),
        failedRequests:
          ingest.batched.failed +
          (ingest.single?.failed ?? 0) +
          bundled.batched.failed +
          inPod.batched.failed,
      };
    });
  },
});
