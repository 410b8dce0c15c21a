/**
 * Batch throughput, each beside a bare baseline, against the real local stack:
 * `npx tsx tools/bench/src/batch.bench.ts` (BENCH_RUNS, BENCH_EVENTS, BENCH_ARCHIVE_EVENTS).
 *
 * Recompute: `batch recompute` as a real process over BENCH_EVENTS master rows (10 million by
 * default, 5% of them re-deliveries, generated inside ClickHouse from numbers()), all shipped views,
 * next to a bare ClickHouse GROUP BY per view over the same table (same filter, key, window and
 * aggregates, no deduplication) whose result is inserted into a table too. Archive: `batch
 * archive` draining a backlog of BENCH_ARCHIVE_EVENTS events from Kafka, next to bare inserts of
 * the same rows in batches of the archiver's default size.
 */
import { cassandraSection, clickhouseSection, kafkaSection, loadConfig } from '@lambda/config';
import { createCassandraClient } from '@lambda/cassandra';
import {
  createClickHouseClient,
  insertRows,
  queryRows,
  runStatement,
  type ClickHouseClient,
} from '@lambda/clickhouse';
import { createKafka, ensureTopics } from '@lambda/kafka';
import { runMigrations } from '@lambda/migrations';
import {
  identifier,
  literal,
  masterTableName,
  parseEvent,
  toMasterRow,
  type MasterRow,
} from '@lambda/schemas';
import { createLogger } from '@lambda/telemetry';
import { generateOrderStream, produceItems, startApp } from '@lambda/testing';
import { shippedViews } from '@lambda/transforms';
import { runBench } from './harness/run-bench.js';
import {
  bareGroupBySql,
  bareRowsTableSql,
  generateMasterSql,
  MASTER_DESCRIPTION,
  MASTER_T0,
} from './recompute/master-rows.js';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 10_000_000);
const ARCHIVE_EVENTS = Number(process.env['BENCH_ARCHIVE_EVENTS'] ?? 200_000);
const INSERT_ROWS = 10_000;
const name = `bench_batch_${process.pid}`;
const logger = createLogger({ service: 'bench', level: 'error' });

const base = loadConfig({
  kafka: kafkaSection,
  clickhouse: clickhouseSection,
  cassandra: cassandraSection,
});
const targets = (database: string) => ({
  kafka: base.kafka,
  clickhouse: { ...base.clickhouse, database },
  cassandra: { ...base.cassandra, keyspace: name },
});
const recomputeDb = name;
const archiveDb = `${name}_archive`;
const topics = {
  events: `bench.batch.${process.pid}.events`,
  dlq: `bench.batch.${process.pid}.dlq`,
  control: `bench.batch.${process.pid}.control`,
};
const clickhouse = createClickHouseClient(targets(recomputeDb).clickhouse, {
  requestTimeoutMs: 600_000,
});
const kafka = createKafka(base.kafka, { logger });
const env = (database: string) => ({
  CLICKHOUSE_DATABASE: database,
  CASSANDRA_KEYSPACE: name,
  BATCH_EVENTS_TOPIC: topics.events,
  BATCH_DLQ_TOPIC: topics.dlq,
  BATCH_CONTROL_TOPIC: topics.control,
  BATCH_SETTLE_DELAY_MS: '0',
});
const master = (database: string) =>
  `${identifier(database)}.${identifier(masterTableName('order'))}`;

async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function measureBareGroupBy(dedup: boolean) {
  const target = `${identifier(recomputeDb)}.bare_rows`;
  await runStatement(clickhouse, `DROP TABLE IF EXISTS ${target}`);
  await runStatement(clickhouse, bareRowsTableSql(target));
  let totalMs = 0;
  for (const view of shippedViews.views) {
    const sql = bareGroupBySql(view, { master: master(recomputeDb), target, dedup });
    totalMs += await timedMs(() => runStatement(clickhouse, sql));
  }
  return totalMs;
}

interface RunRow {
  view: string;
  compute_ms: string;
  publish_ms: string;
  rows_published: string;
  input_events: string;
}

/** `batch recompute` as the CronJob runs it; its per-view timings come from batch_runs. */
async function measureRecompute() {
  const since = Date.now();
  const app = await startApp('batch', { args: ['recompute'], env: env(recomputeDb) });
  const wallMs = await timedMs(async () => {
    const code = await app.exited;
    if (code !== 0) {
      const errors = app.logs.filter((line) => line['level'] === 'error');
      throw new Error(`batch recompute exited with ${code}: ${JSON.stringify(errors)}`);
    }
  });
  const runs = await queryRows<RunRow>(
    clickhouse,
    `SELECT view, compute_ms, publish_ms, rows_published, input_events FROM ${identifier(recomputeDb)}.batch_runs
     WHERE status = 'succeeded' AND started_at_ms >= ${literal(since)}`,
  );
  if (runs.length !== shippedViews.views.length)
    throw new Error(`expected a run per view, got ${runs.length}`);
  const sum = (field: keyof RunRow) => runs.reduce((total, run) => total + Number(run[field]), 0);
  const computeMsOf = (view: string) => Number(runs.find((run) => run.view === view)?.compute_ms);
  return {
    wallMs,
    computeMs: sum('compute_ms'),
    publishMs: sum('publish_ms'),
    rows: sum('rows_published'),
    inputEvents: Math.max(...runs.map((run) => Number(run.input_events))),
    computeMsOf,
  };
}

const countMaster = async (database: string) =>
  Number(
    (await queryRows<{ n: string }>(clickhouse, `SELECT count() AS n FROM ${master(database)}`))[0]
      ?.n,
  );

/** `batch archive` draining the backlog: from its first insert landing to its last. */
async function measureArchive(index: number) {
  const before = await countMaster(archiveDb);
  const app = await startApp('batch', {
    args: ['archive'],
    env: { ...env(archiveDb), BATCH_ARCHIVE_GROUP_ID: `bench.batch.${process.pid}.${index}` },
  });
  try {
    let first: { at: number; rows: number } | undefined;
    for (;;) {
      const landed = (await countMaster(archiveDb)) - before;
      const at = performance.now();
      if (landed > 0) first ??= { at, rows: landed };
      if (first && landed >= ARCHIVE_EVENTS)
        return first.at === at ? NaN : ((landed - first.rows) * 1000) / (at - first.at);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await app.stop();
  }
}

async function measureBareInsert(rows: readonly MasterRow[]) {
  const ms = await timedMs(async () => {
    for (let from = 0; from < rows.length; from += INSERT_ROWS)
      await insertRows(clickhouse, master(archiveDb), rows.slice(from, from + INSERT_ROWS));
  });
  return (rows.length * 1000) / ms;
}

async function setUp() {
  await runMigrations(targets(recomputeDb), logger);
  await runMigrations(targets(archiveDb), logger);
  process.stderr.write(`[bench] batch: generating ${EVENTS} master rows in ClickHouse\n`);
  await runStatement(clickhouse, generateMasterSql(master(recomputeDb), EVENTS));
  await ensureTopics(kafka, [
    { topic: topics.events, numPartitions: 6 },
    { topic: topics.dlq, numPartitions: 1 },
    { topic: topics.control, numPartitions: 1 },
  ]);
  const items = generateOrderStream({
    seed: 1,
    count: ARCHIVE_EVENTS,
    startMs: MASTER_T0,
    stepMs: 1_000,
    duplicateRate: 0.05,
  });
  process.stderr.write(`[bench] batch: producing ${ARCHIVE_EVENTS} events to Kafka\n`);
  await produceItems(kafka, topics.events, items);
  return items.flatMap((item, offset) => {
    if (item.kind === 'malformed') return [];
    const parsed = parseEvent(item.document);
    if (!parsed.ok) return [];
    const coordinates = { kafkaPartition: 0, kafkaOffset: offset, ingestedAtMs: Date.now() };
    return [toMasterRow(parsed.event, coordinates)];
  });
}

async function tearDown(clickhouseAdmin: ClickHouseClient) {
  for (const database of [recomputeDb, archiveDb])
    await runStatement(clickhouseAdmin, `DROP DATABASE IF EXISTS ${identifier(database)}`);
  const cassandra = createCassandraClient(targets(recomputeDb).cassandra, { keyspace: null });
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${name}`);
  await cassandra.shutdown();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
  await admin.disconnect();
}

async function main() {
  const clickhouseAdmin = createClickHouseClient(base.clickhouse, { database: 'default' });
  try {
    const bareRows = await setUp();
    await runBench({
      name: 'batch',
      runs: Number(process.env['BENCH_RUNS'] ?? 3),
      setup: {
        masterRows: EVENTS,
        masterData: MASTER_DESCRIPTION,
        views: shippedViews.views.map((view) => `${view.id} v${view.version}`),
        recompute: 'batch recompute as a real process (tsx), compiled SQL with event_id dedup',
        bare: 'one GROUP BY per view, same filter/key/window/aggregates, INSERT … SELECT; without dedup, and over LIMIT 1 BY event_id',
        archiveEvents: ARCHIVE_EVENTS,
        archive: 'batch archive as a real process, default BATCH_ARCHIVE_MAX_ROWS/MAX_WAIT_MS',
        bareInsert: `insertRows of the same rows, ${INSERT_ROWS} per insert, one after another`,
        clickhouse: 'Debian 18.16, local stack, max_memory_usage 2 GB',
        order: 'even runs: recompute before the bare GROUP BY; odd runs: after',
      },
      metrics: {
        computeSeconds: 'recompute: ClickHouse compute, all views (s)',
        bareSeconds: 'bare GROUP BY, no dedup, all views (s)',
        ratio: 'ratio bare / recompute compute (goal ≥ 0.5)',
        bareDedupSeconds: 'bare GROUP BY over LIMIT 1 BY event_id, all views (s)',
        dedupRatio: 'ratio bare dedup / recompute compute',
        ...Object.fromEntries(
          shippedViews.views.map((view) => [`compute_${view.id}`, `  compute ${view.id} (s)`]),
        ),
        publishSeconds: 'recompute: publish to Cassandra, all views (s)',
        rowsPublished: 'recompute: batch_view rows published',
        wallSeconds: 'recompute process: ready → exit (s)',
        inputEvents: 'recompute: master rows read per view',
        archiveEventsPerSecond: 'archive: events/s draining the backlog',
        bareInsertRowsPerSecond: 'bare insertRows: rows/s',
        archiveRatio: 'ratio archive / bare insert',
      },
      async run(index) {
        const recomputeFirst = index % 2 === 0;
        const bareBefore = recomputeFirst ? undefined : await measureBareGroupBy(false);
        const recompute = await measureRecompute();
        const bareMs = bareBefore ?? (await measureBareGroupBy(false));
        const bareDedupMs = await measureBareGroupBy(true);
        const archiveEventsPerSecond = await measureArchive(index);
        const bareInsertRowsPerSecond = await measureBareInsert(bareRows);
        return {
          computeSeconds: recompute.computeMs / 1000,
          bareSeconds: bareMs / 1000,
          ratio: bareMs / recompute.computeMs,
          bareDedupSeconds: bareDedupMs / 1000,
          dedupRatio: bareDedupMs / recompute.computeMs,
          ...Object.fromEntries(
            shippedViews.views.map((view) => [
              `compute_${view.id}`,
              recompute.computeMsOf(view.id) / 1000,
            ]),
          ),
          publishSeconds: recompute.publishMs / 1000,
          rowsPublished: recompute.rows,
          wallSeconds: recompute.wallMs / 1000,
          inputEvents: recompute.inputEvents,
          archiveEventsPerSecond,
          bareInsertRowsPerSecond,
          archiveRatio: archiveEventsPerSecond / bareInsertRowsPerSecond,
        };
      },
    });
  } finally {
    await tearDown(clickhouseAdmin);
    await Promise.all([clickhouse.close(), clickhouseAdmin.close()]);
  }
}

void main();
