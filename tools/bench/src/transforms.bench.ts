/**
 * libs/transforms, both executions of the shipped views, each beside a bare baseline:
 * `npx tsx tools/bench/src/transforms.bench.ts` (BENCH_RUNS, BENCH_EVENTS, BENCH_EXECUTOR_EVENTS).
 *
 * Speed executor: events/s on one core (this process, nothing else in it) applying every
 * shipped view to BENCH_EXECUTOR_EVENTS parsed order events (5% duplicates, 5% late), next to a
 * hand-written loop summing one measure per (merchant, hour) in a Map without dedup.
 * Compiled SQL: each shipped view's `compileViewSql` over BENCH_EVENTS master rows (10 million by
 * default) inserted into a results table inside ClickHouse, next to a bare GROUP BY per view
 * without dedup over the same table in the same run.
 */
import { clickhouseSection, loadConfig } from '@lambda/config';
import { createClickHouseClient, runStatement } from '@lambda/clickhouse';
import {
  createMasterTableSql,
  identifier,
  masterTableName,
  parseEvent,
  type ParsedEvent,
} from '@lambda/schemas';
import { generateOrderStream } from '@lambda/testing';
import { compileViewSql, createViewExecutor, shippedViews, type View } from '@lambda/transforms';
import { runBench } from './harness/run-bench.js';
import {
  bareGroupBySql,
  bareRowsTableSql,
  generateMasterSql,
  MASTER_DAYS,
  MASTER_DESCRIPTION,
  MASTER_T0,
} from './recompute/master-rows.js';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 10_000_000);
const EXECUTOR_EVENTS = Number(process.env['BENCH_EXECUTOR_EVENTS'] ?? 500_000);
const ALLOWED_LATENESS_MS = 3_600_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const database = `bench_transforms_${process.pid}`;
const master = `${identifier(database)}.${identifier(masterTableName('order'))}`;
const clickhouseConfig = { ...loadConfig({ clickhouse: clickhouseSection }).clickhouse, database };
const clickhouse = createClickHouseClient(clickhouseConfig, { requestTimeoutMs: 600_000 });

function parsedEvents(): ParsedEvent[] {
  const items = generateOrderStream({
    seed: 1,
    count: EXECUTOR_EVENTS,
    startMs: Date.UTC(2026, 0, 1),
    stepMs: 500,
    duplicateRate: 0.05,
    lateRate: 0.05,
  });
  return items.flatMap((item) => {
    if (item.kind === 'malformed') return [];
    const parsed = parseEvent(item.document);
    return parsed.ok ? [parsed.event] : [];
  });
}

/** Events/s applying the views to every event, one executor per view as the speed app holds. */
function executorEventsPerSecond(events: readonly ParsedEvent[], views: readonly View[]): number {
  const executors = views.map((view) =>
    createViewExecutor({ view, allowedLatenessMs: ALLOWED_LATENESS_MS }),
  );
  const started = performance.now();
  for (const event of events) for (const executor of executors) executor.apply(event);
  return (events.length * 1000) / (performance.now() - started);
}

/** What one would write by hand for one view: a Map of sums, no dedup, no lateness. */
function bareLoopEventsPerSecond(events: readonly ParsedEvent[]): number {
  const sums = new Map<string, number>();
  const started = performance.now();
  for (const event of events) {
    const key = `${String(event.fields['merchant_id'])}|${Math.floor(event.occurredAtMs / HOUR)}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(event.fields['amount_minor']));
  }
  return (events.length * 1000) / (performance.now() - started);
}

async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function freshTable(name: string, createSql: string) {
  await runStatement(clickhouse, `DROP TABLE IF EXISTS ${name}`);
  await runStatement(clickhouse, createSql);
}

/**
 * The compiled SQL of one view, its rows inserted into a table as batch recompute keeps them,
 * one day of windows per statement as batch runs it (a single statement over 10 million rows
 * needs more than the local stack's 2 GB per-query memory for the unfiltered views).
 */
async function compiledMs(view: View): Promise<number> {
  const target = `${identifier(database)}.compiled_${view.id}`;
  const chunk = (fromMs: number) => compileViewSql(view, { database, fromMs, toMs: fromMs + DAY });
  await freshTable(target, `CREATE TABLE ${target} ENGINE = Memory AS ${chunk(MASTER_T0)} LIMIT 0`);
  return timedMs(async () => {
    for (let day = 0; day < MASTER_DAYS; day++)
      await runStatement(clickhouse, `INSERT INTO ${target} ${chunk(MASTER_T0 + day * DAY)}`);
  });
}

async function bareMs(view: View): Promise<number> {
  const target = `${identifier(database)}.bare_rows`;
  await freshTable(target, bareRowsTableSql(target));
  return timedMs(() =>
    runStatement(clickhouse, bareGroupBySql(view, { master, target, dedup: false })),
  );
}

async function main() {
  const admin = createClickHouseClient(clickhouseConfig, { database: 'default' });
  try {
    await runStatement(admin, `CREATE DATABASE IF NOT EXISTS ${identifier(database)}`);
    await runStatement(clickhouse, createMasterTableSql({ database, type: 'order' }));
    process.stderr.write(`[bench] transforms: generating ${EVENTS} master rows in ClickHouse\n`);
    await runStatement(clickhouse, generateMasterSql(master, EVENTS));
    const events = parsedEvents();
    const views = shippedViews.views;
    await runBench({
      name: 'transforms',
      runs: Number(process.env['BENCH_RUNS'] ?? 3),
      setup: {
        executorEvents: events.length,
        executor:
          'in process, one core, every shipped view applied to every event (5% duplicates, 5% late)',
        bareLoop: 'Map<merchant|hour, sum> over the same parsed events, no dedup',
        masterRows: EVENTS,
        masterData: MASTER_DESCRIPTION,
        compiled:
          'compileViewSql per view and day of windows (as batch chunks a run), INSERT … SELECT into a Memory table',
        bare: 'one GROUP BY per view, same filter/key/window/aggregates, no dedup, INSERT … SELECT',
        views: views.map((view) => `${view.id} v${view.version}`),
      },
      metrics: {
        executorAllViews: 'executor, all views: events/s',
        ...Object.fromEntries(
          views.map((view) => [`executor_${view.id}`, `  executor ${view.id}: events/s`]),
        ),
        bareLoop: 'bare loop, one sum: events/s',
        executorRatio: 'ratio executor (one view, median) / bare loop',
        compiledSeconds: 'compiled SQL, all views (s)',
        ...Object.fromEntries(
          views.map((view) => [`compiled_${view.id}`, `  compiled ${view.id} (s)`]),
        ),
        bareSeconds: 'bare GROUP BY, all views (s)',
        sqlRatio: 'ratio bare / compiled',
      },
      async run() {
        const perView = views.map((view) => executorEventsPerSecond(events, [view]));
        const allViews = executorEventsPerSecond(events, views);
        const bareLoop = bareLoopEventsPerSecond(events);
        const compiled: number[] = [];
        let bareTotalMs = 0;
        for (const view of views) {
          compiled.push(await compiledMs(view));
          bareTotalMs += await bareMs(view);
        }
        const compiledTotalMs = compiled.reduce((a, b) => a + b, 0);
        const sortedPerView = [...perView].sort((a, b) => a - b);
        return {
          executorAllViews: allViews,
          ...Object.fromEntries(views.map((view, i) => [`executor_${view.id}`, perView[i]!])),
          bareLoop,
          executorRatio: sortedPerView[Math.floor(sortedPerView.length / 2)]! / bareLoop,
          compiledSeconds: compiledTotalMs / 1000,
          ...Object.fromEntries(
            views.map((view, i) => [`compiled_${view.id}`, compiled[i]! / 1000]),
          ),
          bareSeconds: bareTotalMs / 1000,
          sqlRatio: bareTotalMs / compiledTotalMs,
        };
      },
    });
  } finally {
    await runStatement(admin, `DROP DATABASE IF EXISTS ${identifier(database)}`);
    await Promise.all([clickhouse.close(), admin.close()]);
  }
}

void main();
