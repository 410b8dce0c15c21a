/**
 * The speed layer beside a bare kafkajs consumer, against the real local Kafka and Cassandra:
 * `npx tsx tools/bench/src/speed.bench.ts` (BENCH_RUNS, BENCH_SPEED_EVENTS or BENCH_EVENTS,
 * BENCH_FRESHNESS_RATE, BENCH_FRESHNESS_LOW_RATE, BENCH_FRESHNESS_SECONDS to change the defaults).
 *
 * Replay: BENCH_EVENTS (10 million by default) order events are produced once into a 6-partition
 * topic; each run starts a fresh `speed` process (new group, new keyspace) at offset 0 and times
 * it to the last commit, then a bare consumer with the same consumer settings that only decodes
 * (JSON.parse) over the same topic. Sustained rate: between 10% and 90% committed. Freshness: a
 * fresh `speed` on an empty topic while BENCH_FRESHNESS_RATE events/s (20,000) are produced for
 * BENCH_FRESHNESS_SECONDS (30), read from its `freshness_seconds` histogram (ingested-at header to
 * the write acknowledged by Cassandra). Speed runs as the image runs it: the esbuild bundle
 * (`nx build speed`, done first), not through tsx, whose loader alone adds about 60 MiB of RSS.
 */
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { createCassandraClient } from '@lambda/cassandra';
import { createKafka, ensureTopics, type Kafka } from '@lambda/kafka';
import { runMigrations } from '@lambda/migrations';
import { createLogger } from '@lambda/telemetry';
import { eventually, startApp } from '@lambda/testing';
import { buildApp } from './harness/build-app.js';
import { runBench } from './harness/run-bench.js';
import { cpuSeconds } from './harness/process-cpu.js';
import { peakRssMiB, residentMiB } from './harness/process-memory.js';
import { startBareConsumer } from './speed/bare-consumer.js';
import { overallRate, sustainedRate, watchGroup } from './speed/group-progress.js';
import { histogramQuantile } from './speed/histogram.js';
import { asMessage, fillTopic, orderChunks, type StreamShape } from './speed/order-chunks.js';
import { produceSteadily } from './speed/steady-producer.js';

/** Its own variable first: a replay of 10 million takes speed ~20 min a run on the 2-core box. */
const EVENTS = Number(
  process.env['BENCH_SPEED_EVENTS'] ?? process.env['BENCH_EVENTS'] ?? 10_000_000,
);
const FRESHNESS_RATE = Number(process.env['BENCH_FRESHNESS_RATE'] ?? 20_000);
/** A rate the app sustains on the 2-core box, for a freshness distribution that is not a backlog. */
const FRESHNESS_LOW_RATE = Number(process.env['BENCH_FRESHNESS_LOW_RATE'] ?? 5_000);
const FRESHNESS_SECONDS = Number(process.env['BENCH_FRESHNESS_SECONDS'] ?? 30);
const PARTITIONS = 6;
/** The speed app's defaults (SPEED_PARTITIONS_CONCURRENTLY, SPEED_MAX_BATCH_BYTES). */
const CONSUMER = { partitionsConsumedConcurrently: 3, maxBytesPerPartition: 4_194_304 };
/** 10 million events over 7 days of event time, like the batch bench's master data. */
const REPLAY_SHAPE: StreamShape = {
  startMs: Date.UTC(2026, 4, 1),
  stepMs: 60,
  duplicateRate: 0.05,
  lateRate: 0.01,
};

const logger = createLogger({ service: 'bench', level: 'error' });
const base = loadConfig({
  kafka: kafkaSection,
  clickhouse: clickhouseSection,
  cassandra: cassandraSection,
});
const kafka = createKafka(base.kafka, { logger });
const prefix = `bench.speed.${process.pid}`;
const topics = { replay: `${prefix}.replay`, dlq: `${prefix}.dlq` };

async function withKeyspace<T>(name: string, run: () => Promise<T>): Promise<T> {
  await runMigrations({ ...base, cassandra: { ...base.cassandra, keyspace: name } }, logger);
  try {
    return await run();
  } finally {
    const cassandra = createCassandraClient(base.cassandra, { keyspace: null });
    await cassandra.execute(`DROP KEYSPACE IF EXISTS ${name}`);
    await cassandra.shutdown();
  }
}

const startSpeed = (keyspace: string, topic: string, groupId: string) =>
  startApp('speed', {
    bundle: true,
    env: {
      CASSANDRA_KEYSPACE: keyspace,
      SPEED_EVENTS_TOPIC: topic,
      SPEED_DLQ_TOPIC: topics.dlq,
      SPEED_GROUP_ID: groupId,
    },
  });

/** A fresh speed process consuming the whole replay topic from offset 0. */
async function measureReplay(index: number) {
  const keyspace = `bench_speed_${process.pid}_${index}`;
  const groupId = `${prefix}.speed.${index}`;
  return withKeyspace(keyspace, async () => {
    // Watched from before the process starts: its start-up and group join count.
    const watching = watchGroup(kafka, {
      groupId,
      topic: topics.replay,
      total: EVENTS,
      timeoutMs: 3_600_000,
    });
    const app = await startSpeed(keyspace, topics.replay, groupId);
    const pid = app.process.pid ?? 0;
    try {
      const cpuBefore = cpuSeconds(pid);
      const progress = await watching;
      return {
        overall: overallRate(progress),
        sustained: sustainedRate(progress),
        cpuUsPerEvent: ((cpuSeconds(pid) - cpuBefore) * 1e6) / EVENTS,
        peakRssMiB: peakRssMiB(pid),
      };
    } finally {
      await app.stop();
    }
  });
}

async function measureBare(index: number) {
  const groupId = `${prefix}.bare.${index}`;
  const bare = await startBareConsumer(kafka, { groupId, topic: topics.replay, ...CONSUMER });
  try {
    const progress = await watchGroup(kafka, {
      groupId,
      topic: topics.replay,
      total: EVENTS,
      timeoutMs: 3_600_000,
    });
    return { overall: overallRate(progress), sustained: sustainedRate(progress) };
  } finally {
    await bare.stop();
  }
}

/** Records for the steady phase, made before it starts (generating them would stall the pacing). */
function steadyRecords(index: number, rate: number) {
  const count = rate * FRESHNESS_SECONDS;
  const shape = { startMs: Date.now(), stepMs: 1, duplicateRate: 0.05, lateRate: 0.01 };
  return [...orderChunks(count, shape, 1000 + index)].flatMap((items) =>
    items.map((item) => {
      const { key, value } = asMessage(item);
      return { key: String(key), value: String(value) };
    }),
  );
}

/** A fresh speed process on an empty topic fed at a steady rate: its freshness histogram. */
async function measureFreshness(index: number, rate: number) {
  const keyspace = `bench_speed_${process.pid}_fresh_${index}_${rate}`;
  const topic = `${prefix}.fresh.${index}.${rate}`;
  const groupId = `${prefix}.fresh.${index}.${rate}`;
  await ensureTopics(kafka, [{ topic, numPartitions: PARTITIONS }]);
  try {
    return await withKeyspace(keyspace, async () => {
      const records = steadyRecords(index, rate);
      const app = await startSpeed(keyspace, topic, groupId);
      const pid = app.process.pid ?? 0;
      try {
        await eventually(async () => (await fetch(`${app.url}/readyz`)).ok, { timeoutMs: 60_000 });
        const idleRssMiB = residentMiB(pid, 'VmRSS');
        const cpuBefore = cpuSeconds(pid);
        const produced = await produceSteadily(kafka, topic, {
          eventsPerSecond: rate,
          seconds: FRESHNESS_SECONDS,
          records,
        });
        const caughtUp = await watchGroup(kafka, {
          groupId,
          topic,
          total: produced.events,
          timeoutMs: 600_000,
          intervalMs: 100,
        });
        const metrics = await (await fetch(`${app.url}/metrics`)).text();
        const quantile = (q: number) =>
          histogramQuantile(metrics, 'lambda_speed_freshness_seconds', q) * 1000;
        return {
          producedPerSecond: produced.eventsPerSecond,
          p50Ms: quantile(0.5),
          p99Ms: quantile(0.99),
          catchUpMs: caughtUp.samples.at(-1)?.atMs ?? NaN,
          cpuShare: (cpuSeconds(pid) - cpuBefore) / FRESHNESS_SECONDS,
          idleRssMiB,
          peakRssMiB: peakRssMiB(pid),
        };
      } finally {
        await app.stop();
      }
    });
  } finally {
    await deleteTopics(kafka, [topic]);
  }
}

async function deleteTopics(client: Kafka, names: string[]) {
  const admin = client.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: names }).catch(() => undefined);
  await admin.disconnect();
}

async function main() {
  buildApp('speed');
  await ensureTopics(kafka, [
    { topic: topics.replay, numPartitions: PARTITIONS },
    { topic: topics.dlq, numPartitions: 1 },
  ]);
  try {
    process.stderr.write(`[bench] speed: producing ${EVENTS} events\n`);
    await fillTopic(kafka, topics.replay, orderChunks(EVENTS, REPLAY_SHAPE));
    await runBench({
      name: 'speed',
      runs: Number(process.env['BENCH_RUNS'] ?? 3),
      setup: {
        replayEvents: EVENTS,
        ...(EVENTS < 10_000_000 && {
          reduced: `a reduced run: ${EVENTS} events instead of the issue's 10 million (BENCH_SPEED_EVENTS)`,
        }),
        replayData: `order events (generateOrderStream), ${REPLAY_SHAPE.stepMs} ms of event time apart on average, ${REPLAY_SHAPE.duplicateRate * 100}% re-deliveries, ${REPLAY_SHAPE.lateRate * 100}% late by 2–30 h`,
        topic: `${PARTITIONS} partitions, 1 broker (local stack)`,
        speed:
          'real process from its esbuild bundle, as the image runs it (libs/testing startApp with bundle), default settings, all shipped views, fresh keyspace and group per run',
        bare: `kafkajs consumer group, same partitionsConsumedConcurrently (${CONSUMER.partitionsConsumedConcurrently}) and maxBytesPerPartition, JSON.parse per message, commit per batch`,
        freshness: `${FRESHNESS_RATE} and ${FRESHNESS_LOW_RATE} events/s for ${FRESHNESS_SECONDS} s each into an empty topic (5% re-deliveries, 1% late), event time near now, produced by the bench process on the same cores; speed's freshness_seconds histogram (ingested-at header → partial written), interpolated within buckets. When speed cannot keep up, its freshness is the backlog it builds`,
        order:
          'per run: speed replay, bare replay, freshness at the goal rate, freshness at the low rate',
      },
      metrics: {
        speedSustained: 'speed: sustained events/s (10–90% of the replay)',
        bareSustained: 'bare consumer: sustained events/s (10–90%)',
        ratio: 'ratio speed / bare consumer (goal ≥ 0.6)',
        speedReplay: 'speed: replay events/s from offset 0, start-up included (goal ≥ 100,000)',
        bareReplay: 'bare consumer: replay events/s, start-up included',
        speedCpuUsPerEvent: 'speed: CPU µs per event (its own process)',
        replayPeakRssMiB: 'speed: peak RSS MiB during the replay (goal < 256)',
        producedPerSecond: `steady ${FRESHNESS_RATE}/s: events/s actually produced`,
        freshnessP50Ms: `steady ${FRESHNESS_RATE}/s: freshness p50 ms`,
        freshnessP99Ms: `steady ${FRESHNESS_RATE}/s: freshness p99 ms (goal < 1000)`,
        catchUpMs: `steady ${FRESHNESS_RATE}/s: ms from the last send to all committed`,
        steadyCpuShare: `steady ${FRESHNESS_RATE}/s: speed CPU (cores)`,
        steadyPeakRssMiB: `steady ${FRESHNESS_RATE}/s: speed peak RSS MiB`,
        lowProducedPerSecond: `steady ${FRESHNESS_LOW_RATE}/s: events/s actually produced`,
        lowP50Ms: `steady ${FRESHNESS_LOW_RATE}/s: freshness p50 ms`,
        lowP99Ms: `steady ${FRESHNESS_LOW_RATE}/s: freshness p99 ms`,
        lowCpuShare: `steady ${FRESHNESS_LOW_RATE}/s: speed CPU (cores)`,
        idleRssMiB: 'speed: RSS MiB when ready, before load',
      },
      async run(index) {
        const speed = await measureReplay(index);
        const bare = await measureBare(index);
        const fresh = await measureFreshness(index, FRESHNESS_RATE);
        const low = await measureFreshness(index, FRESHNESS_LOW_RATE);
        return {
          speedSustained: speed.sustained,
          bareSustained: bare.sustained,
          ratio: speed.sustained / bare.sustained,
          speedReplay: speed.overall,
          bareReplay: bare.overall,
          speedCpuUsPerEvent: speed.cpuUsPerEvent,
          replayPeakRssMiB: speed.peakRssMiB,
          producedPerSecond: fresh.producedPerSecond,
          freshnessP50Ms: fresh.p50Ms,
          freshnessP99Ms: fresh.p99Ms,
          catchUpMs: fresh.catchUpMs,
          steadyCpuShare: fresh.cpuShare,
          steadyPeakRssMiB: fresh.peakRssMiB,
          lowProducedPerSecond: low.producedPerSecond,
          lowP50Ms: low.p50Ms,
          lowP99Ms: low.p99Ms,
          lowCpuShare: low.cpuShare,
          idleRssMiB: fresh.idleRssMiB,
        };
      },
    });
  } finally {
    await deleteTopics(kafka, Object.values(topics));
  }
}

void main();
