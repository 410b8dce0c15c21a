/**
 * Serving side by side with two baselines, against the real local Cassandra:
 * `npx tsx tools/bench/src/serving.bench.ts` (BENCH_RUNS, BENCH_SECONDS to change the defaults).
 *
 * Every request asks one key for 24 hourly windows: 18 settled in a published batch run and 6
 * merged from 6 Kafka partitions' speed rows, rotating over 100 keys. Measured in the same run:
 * serving as configured by default (it reuses rows across requests for up to 1 s, settled rows
 * 10 s), serving without those row caches, a bare cassandra-driver client doing the two
 * partition reads a request needs (no HTTP, no merge), and a bare node:http server answering the
 * same JSON bytes (no store).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { mintApiKey } from '@lambda/auth';
import { createCassandraClient, type CassandraClient } from '@lambda/cassandra';
import { createClickHouseClient, runStatement } from '@lambda/clickhouse';
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { runMigrations } from '@lambda/migrations';
import { createLogger } from '@lambda/telemetry';
import { startApp, type AppProcess } from '@lambda/testing';
import { merchantRevenueHourly as view } from '@lambda/transforms';
import { bucketOf, publishBatchRun, writeBatchRows } from '@lambda/views-store';
import { buildApp } from './harness/build-app.js';
import { cpuSeconds } from './harness/process-cpu.js';
import { peakRssMiB } from './harness/process-memory.js';
import { runBench } from './harness/run-bench.js';
import { percentile } from './harness/stats.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const WARM_UP_SECONDS = 3;
const CLIENTS = [10, 50] as const;
const KEYS = 100;
const HOURS = 24;
const SETTLED_HOURS = 18;
const PARTITIONS = 6;
const RUN_ID = 'bench-run';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 1);
const WATERMARK = T0 + SETTLED_HOURS * HOUR;
const BUCKET = BigInt(bucketOf(HOUR, T0));

const logger = createLogger({ service: 'bench', level: 'error' });
const keyOf = (i: number) => `m-${i}|EUR`;
const seriesPath = (i: number) =>
  `/v1/views/${view.id}/series?merchant_id=m-${i}&currency=EUR&from=${T0}&to=${T0 + HOURS * HOUR}`;
const paths = Array.from({ length: KEYS }, (_, i) => seriesPath(i));

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  /** Only for the apps, whose process is measured. */
  cpuUsPerRequest?: number;
}

async function withKeyspace<T>(run: (keyspace: string, client: CassandraClient) => Promise<T>) {
  const name = `bench_serving_${process.pid}`;
  const base = loadConfig({
    kafka: kafkaSection,
    clickhouse: clickhouseSection,
    cassandra: cassandraSection,
  });
  const targets = {
    kafka: base.kafka,
    clickhouse: { ...base.clickhouse, database: name },
    cassandra: { ...base.cassandra, keyspace: name },
  };
  const admin = createCassandraClient(targets.cassandra, { keyspace: null });
  try {
    await runMigrations(targets, logger);
    const client = createCassandraClient(targets.cassandra);
    try {
      return await run(name, client);
    } finally {
      await client.shutdown();
    }
  } finally {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${name}`);
    await admin.shutdown();
    const clickhouse = createClickHouseClient(targets.clickhouse, { database: 'default' });
    await runStatement(clickhouse, `DROP DATABASE IF EXISTS ${name}`);
    await clickhouse.close();
  }
}

/** Batch rows through batch's own writer; speed rows as the speed layer stores them. */
async function seed(client: CassandraClient) {
  const measures = (revenue: bigint, orders: bigint) => ({
    revenue_minor: revenue,
    completed_orders: orders,
    min_order_minor: 100n,
    max_order_minor: revenue,
  });
  const rows = Array.from({ length: KEYS * SETTLED_HOURS }, (_, i) => ({
    key: keyOf(i % KEYS),
    windowStartMs: T0 + Math.floor(i / KEYS) * HOUR,
    measures: measures(1000n + BigInt(i), 3n),
  }));
  await writeBatchRows(client, { view, runId: RUN_ID, rows, concurrency: 64 });
  const speed = Array.from({ length: KEYS * (HOURS - SETTLED_HOURS) * PARTITIONS }, (_, i) => i);
  for (let from = 0; from < speed.length; from += 64)
    await Promise.all(
      speed
        .slice(from, from + 64)
        .map((i) =>
          client.execute(
            'INSERT INTO speed_view (view_id, version, key, bucket, window_start, kafka_partition, measures, distinct_members, max_offset, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
              view.id,
              view.version,
              keyOf(i % KEYS),
              BUCKET,
              new Date(WATERMARK + Math.floor(i / (KEYS * PARTITIONS)) * HOUR),
              Math.floor(i / KEYS) % PARTITIONS,
              measures(200n + BigInt(i % 7), 1n),
              [],
              BigInt(i),
              new Date(),
            ],
          ),
        ),
    );
  for (let partition = 0; partition < PARTITIONS; partition++)
    await client.execute(
      'INSERT INTO speed_progress (kafka_partition, watermark, max_offset, updated_at) VALUES (?, ?, ?, ?)',
      [partition, new Date(T0 + HOURS * HOUR), 1n, new Date()],
    );
  await publishBatchRun(client, {
    viewId: view.id,
    version: view.version,
    runId: RUN_ID,
    watermarkMs: WATERMARK,
  });
}

async function httpLoad(
  url: string,
  connections: number,
  seconds: number,
  token?: string,
): Promise<Load> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: paths.map((p) => ({ method: 'GET', path: p, headers })),
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

const SELECT_BATCH =
  'SELECT window_start, measures FROM batch_view WHERE view_id = ? AND version = ? AND run_id = ? AND key = ? AND bucket = ? AND window_start >= ? AND window_start < ?';
const SELECT_SPEED =
  'SELECT window_start, kafka_partition, measures, distinct_members, distinct_values FROM speed_view WHERE view_id = ? AND version = ? AND key = ? AND bucket = ? AND window_start >= ? AND window_start < ?';

/** The store work of one request, from the driver alone: both partition reads, in parallel. */
async function bareCassandraLoad(
  client: CassandraClient,
  concurrency: number,
  seconds: number,
): Promise<Load> {
  const [from, split, to] = [new Date(T0), new Date(WATERMARK), new Date(T0 + HOURS * HOUR)];
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const readUntilDeadline = async () => {
    while (performance.now() < deadline) {
      const key = keyOf(next++ % KEYS);
      const sentAt = performance.now();
      try {
        await Promise.all([
          client.execute(SELECT_BATCH, [view.id, view.version, RUN_ID, key, BUCKET, from, split]),
          client.execute(SELECT_SPEED, [view.id, view.version, key, BUCKET, split, to]),
        ]);
        latencies.push(performance.now() - sentAt);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, readUntilDeadline));
  return {
    requestsPerSecond: latencies.length / ((performance.now() - started) / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failed,
  };
}

/** A plain node:http server in its own process, answering each path with serving's bytes. */
async function startBareHttp(
  bodies: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const file = path.join(os.tmpdir(), `bench-serving-bodies-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(bodies));
  const script = `
    const bodies = JSON.parse(require('node:fs').readFileSync(process.env.BODIES, 'utf8'));
    require('node:http').createServer((req, res) => {
      const body = bodies[req.url];
      if (body === undefined) { res.statusCode = 404; res.end(); return; }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { BODIES: file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [port] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${port.toString().trim()}`, child };
}

const TARGETS = ['serving', 'uncached', 'http', 'cassandra'] as const;
type Target = (typeof TARGETS)[number];
type Metric =
  | `${Target}${'Rps' | 'P50' | 'P99'}${10 | 50}`
  | `${'serving' | 'uncached'}CpuUs${10 | 50}`
  | `ratio${'Http' | 'Cassandra' | 'UncachedCassandra'}${10 | 50}`
  | 'failed'
  | 'servingPeakRssMiB';

const labels: Record<Target, string> = {
  serving: 'serving',
  uncached: 'serving without row caches',
  http: 'bare node:http, same JSON',
  cassandra: 'bare cassandra-driver, same 2 reads',
};

function metricLabels(): Record<Metric, string> {
  const entries: [Metric, string][] = [];
  for (const clients of CLIENTS) {
    for (const target of TARGETS) {
      entries.push([`${target}Rps${clients}`, `${clients} clients: ${labels[target]} requests/s`]);
      entries.push([`${target}P50${clients}`, `${clients} clients: ${labels[target]} p50 ms`]);
      entries.push([`${target}P99${clients}`, `${clients} clients: ${labels[target]} p99 ms`]);
    }
    for (const target of ['serving', 'uncached'] as const)
      entries.push([
        `${target}CpuUs${clients}`,
        `${clients} clients: ${labels[target]} CPU µs per request (its process)`,
      ]);
    entries.push([`ratioHttp${clients}`, `${clients} clients: ratio serving / bare node:http`]);
    entries.push([
      `ratioCassandra${clients}`,
      `${clients} clients: ratio serving / bare cassandra-driver`,
    ]);
    entries.push([
      `ratioUncachedCassandra${clients}`,
      `${clients} clients: ratio serving without row caches / bare cassandra-driver`,
    ]);
  }
  entries.push(['failed', 'serving (both): non-200 answers and errors, all measurements']);
  entries.push(['servingPeakRssMiB', 'serving: peak RSS MiB']);
  return Object.fromEntries(entries) as Record<Metric, string>;
}

async function benchAgainst(keyspace: string, client: CassandraClient) {
  buildApp('serving');
  await seed(client);
  const key = mintApiKey({ id: 'bench', scopes: ['views:read'], ratePerSecond: 1e9 });
  const env = { CASSANDRA_KEYSPACE: keyspace, API_KEYS: JSON.stringify([key.entry]) };
  const serving: AppProcess = await startApp('serving', { env, bundle: true });
  const uncached: AppProcess = await startApp('serving', {
    env: { ...env, SERVING_SPEED_CACHE_MS: '0', SERVING_SETTLED_CACHE_MS: '0' },
    bundle: true,
  });
  const bodies: Record<string, string> = {};
  for (const p of paths) {
    const res = await fetch(`${serving.url}${p}`, {
      headers: { authorization: `Bearer ${key.token}` },
    });
    if (res.status !== 200)
      throw new Error(`serving answered ${res.status} to ${p}: ${await res.text()}`);
    bodies[p] = await res.text();
  }
  const bare = await startBareHttp(bodies);
  /** The load, and the CPU the app's process spent per answered request meanwhile. */
  const appLoad = async (app: AppProcess, clients: number, seconds: number) => {
    const before = cpuSeconds(app.process.pid ?? 0);
    const load = await httpLoad(app.url, clients, seconds, key.token);
    const cpuUs =
      ((cpuSeconds(app.process.pid ?? 0) - before) * 1e6) / (load.requestsPerSecond * seconds);
    return { ...load, cpuUsPerRequest: cpuUs };
  };
  const measure: Record<Target, (clients: number, seconds: number) => Promise<Load>> = {
    serving: (clients, seconds) => appLoad(serving, clients, seconds),
    uncached: (clients, seconds) => appLoad(uncached, clients, seconds),
    http: (clients, seconds) => httpLoad(bare.url, clients, seconds),
    cassandra: (clients, seconds) => bareCassandraLoad(client, clients, seconds),
  };
  try {
    await runBench<Metric>({
      name: 'serving',
      runs: Number(process.env['BENCH_RUNS'] ?? 3),
      setup: {
        secondsPerMeasurement: SECONDS,
        warmUpSeconds: WARM_UP_SECONDS,
        clients: CLIENTS,
        request: `GET series of ${view.id}: ${HOURS} hourly windows, ${SETTLED_HOURS} from batch, ${HOURS - SETTLED_HOURS} from speed (${PARTITIONS} partition rows each), ${KEYS} keys in rotation, ${Buffer.byteLength(bodies[paths[0]!]!)} bytes`,
        serving:
          'real process from its esbuild bundle, as the image runs it (libs/testing startApp with bundle), default settings: state cached 1 s, speed rows 1 s, settled rows 10 s',
        servingWithoutRowCaches:
          'the same with SERVING_SPEED_CACHE_MS=0 SERVING_SETTLED_CACHE_MS=0: two partition reads per request, as the bare client',
        cassandra: 'local stack, one node, same machine',
        order:
          'even runs measure in the order serving, uncached, http, cassandra; odd runs reversed',
      },
      metrics: metricLabels(),
      async run(index) {
        const values: Partial<Record<Metric, number>> = { failed: 0 };
        const order = index % 2 === 0 ? [...TARGETS] : [...TARGETS].reverse();
        for (const clients of CLIENTS) {
          const loads = {} as Record<Target, Load>;
          for (const target of order) {
            await measure[target](clients, WARM_UP_SECONDS);
            const load = await measure[target](clients, SECONDS);
            loads[target] = load;
            values[`${target}Rps${clients}`] = load.requestsPerSecond;
            values[`${target}P50${clients}`] = load.p50Ms;
            values[`${target}P99${clients}`] = load.p99Ms;
            if (target === 'serving' || target === 'uncached')
              values[`${target}CpuUs${clients}`] = load.cpuUsPerRequest ?? NaN;
          }
          const rps = (target: Target) => loads[target].requestsPerSecond;
          values[`ratioHttp${clients}`] = rps('serving') / rps('http');
          values[`ratioCassandra${clients}`] = rps('serving') / rps('cassandra');
          values[`ratioUncachedCassandra${clients}`] = rps('uncached') / rps('cassandra');
          values.failed! += loads.serving.failed + loads.uncached.failed;
        }
        values.servingPeakRssMiB = peakRssMiB(serving.process.pid ?? 0);
        return values as Record<Metric, number>;
      },
    });
  } finally {
    bare.child.kill();
    await Promise.all([serving.stop(), uncached.stop()]);
  }
}

void withKeyspace(benchAgainst).catch((error: unknown) => {
  process.stderr.write(
    `serving bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
