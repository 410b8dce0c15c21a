import {
  createClickHouseClient,
  insertRows,
  queryRows,
  runStatement,
  type ClickHouseClient,
} from '@lambda/clickhouse';
import { clickhouseSection, loadConfig } from '@lambda/config';
import { createMasterTableSql, identifier, masterTableName, toMasterRow } from '@lambda/schemas';
import fc from 'fast-check';
import {
  compileDeliveryIndex,
  compileRedeliveredIdsTable,
  compileViewSql,
  DAY_MS,
  createViewExecutor,
  decodeViewRow,
  finalizeWindow,
  GLOBAL_KEY,
  mergePartials,
  shippedViews,
  type CompileViewSqlOptions,
  type View,
  type ViewExecutor,
  type ViewRow,
  type WindowPartial,
} from './index.js';
import { orderDeliveries, type Delivery } from './testing/order-deliveries.js';
import { probeViews } from './testing/probe-views.js';

/**
 * The platform's promise, checked: for generated event sets, the speed executor and the SQL
 * compiled for ClickHouse compute identical rows for every shipped view (and for probe views
 * reaching what the shipped ones do not). Runs against the real ClickHouse at CLICKHOUSE_URL.
 * Cases run in lanes, each with its own database, because ClickHouse round trips dominate.
 * Reproduce a failure with FC_SEED and FC_PATH from its report.
 */

const CASES = 1000;
const reproduction = process.env['FC_SEED']
  ? { seed: Number(process.env['FC_SEED']), path: process.env['FC_PATH'] }
  : undefined;
const LANES = reproduction ? 1 : 3;

const { clickhouse: config } = loadConfig({ clickhouse: clickhouseSection });
const views = [...shippedViews.views, ...probeViews];
const table = masterTableName('order');
const admin = createClickHouseClient(config, { database: 'default' });

interface Lane {
  database: string;
  client: ClickHouseClient;
}

const lanes: Lane[] = Array.from({ length: LANES }, (_, index) => {
  const database = `it_transforms_${process.pid}_${Date.now()}_${index}`;
  return { database, client: createClickHouseClient(config, { database }) };
});

beforeAll(async () => {
  for (const { database, client } of lanes) {
    await runStatement(admin, `CREATE DATABASE ${identifier(database)}`);
    await runStatement(client, createMasterTableSql({ database, type: 'order' }));
  }
}, 60_000);
afterAll(async () => {
  for (const { database } of lanes)
    await runStatement(admin, `DROP DATABASE IF EXISTS ${identifier(database)}`);
  await Promise.all([admin, ...lanes.map((lane) => lane.client)].map((client) => client.close()));
}, 60_000);

type SpeedExecution = (view: View, deliveries: readonly Delivery[]) => ViewRow[];

const byKeyAndWindow = (a: ViewRow, b: ViewRow) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.windowStartMs - b.windowStartMs;

/** One executor per Kafka partition, fed in offset order, partials merged: what the speed app does. */
const speedRows: SpeedExecution = (view, deliveries) => {
  const executors = new Map<number, ViewExecutor>();
  for (const { event, kafkaPartition } of deliveries) {
    const executor =
      executors.get(kafkaPartition) ?? createViewExecutor({ view, allowedLatenessMs: Infinity });
    executors.set(kafkaPartition, executor);
    executor.apply(event);
  }
  const merged = new Map<string, WindowPartial>();
  for (const partial of [...executors.values()].flatMap((executor) => executor.openPartials())) {
    const cell = `${partial.windowStartMs}/${partial.key}`;
    const seen = merged.get(cell);
    merged.set(cell, seen ? mergePartials(seen, partial) : partial);
  }
  return [...merged.values()].map(finalizeWindow).sort(byKeyAndWindow);
};

/**
 * Archives the deliveries, the first `archivedTwice` of them a second time, as the archiver does
 * when it crashes after an insert and before its commit.
 */
async function archive(
  { client }: Lane,
  deliveries: readonly Delivery[],
  archivedTwice = 0,
): Promise<void> {
  await runStatement(client, `TRUNCATE TABLE ${identifier(table)}`);
  await insertRows(
    client,
    table,
    [...deliveries, ...deliveries.slice(0, archivedTwice)].map(
      ({ event, kafkaPartition, kafkaOffset }) =>
        toMasterRow(event, { kafkaPartition, kafkaOffset, ingestedAtMs: 0 }),
    ),
  );
}

/** How batch deduplicates: every event (`plain`), or only the re-delivered ones, found per view or per day. */
const dedupPaths = ['plain', 'redelivered-ids', 'delivery-index'] as const;
type DedupPath = (typeof dedupPaths)[number];

/** Builds a delivery index over every day of the deliveries; whether its dedup table has rows. */
async function buildDeliveryIndex({ database, client }: Lane, deliveries: readonly Delivery[]) {
  const index = { database, name: 'delivery_index', type: 'order' };
  const statements = compileDeliveryIndex(index);
  const days = new Set(
    deliveries.map(({ event }) => Math.floor(event.occurredAtMs / DAY_MS) * DAY_MS),
  );
  for (const sql of [...statements.create, ...[...days].flatMap(statements.day)])
    await runStatement(client, sql);
  const [dedup] = await queryRows<{ rows: string }>(
    client,
    `SELECT count() AS rows FROM ${identifier(database)}.delivery_index_dedup`,
  );
  return { ...index, dedup: Number(dedup?.rows) > 0 };
}

type BatchOptions = Omit<CompileViewSqlOptions, 'database' | 'redeliveredIdsTable'>;

/** Batch SQL as compiled for the dedup path (a `delivery-index` path needs `options.deliveryIndex`). */
async function batchRows(
  { database, client }: Lane,
  view: View,
  options: BatchOptions,
  path: DedupPath,
): Promise<ViewRow[]> {
  const redeliveredIdsTable = path === 'redelivered-ids' ? `redelivered_${view.id}` : undefined;
  if (redeliveredIdsTable) {
    const table = compileRedeliveredIdsTable(view, { database, ...options, redeliveredIdsTable });
    await runStatement(client, table.drop);
    await runStatement(client, table.create);
  }
  const sql = compileViewSql(view, { database, ...options, redeliveredIdsTable });
  const rows = await queryRows<Record<string, unknown>>(client, sql);
  return rows.map((row) => decodeViewRow(view, row)).sort(byKeyAndWindow);
}

/** The options of the dedup path, archiving the deliveries first. */
async function archiveFor(
  lane: Lane,
  { deliveries, archivedTwice, path }: ArchivedCase,
): Promise<BatchOptions> {
  await archive(lane, deliveries, archivedTwice);
  return path === 'delivery-index'
    ? { deliveryIndex: await buildDeliveryIndex(lane, deliveries) }
    : {};
}

interface ArchivedCase {
  deliveries: Delivery[];
  archivedTwice: number;
  path: DedupPath;
}

const archivedCase = fc.record({
  deliveries: orderDeliveries(),
  archivedTwice: fc.oneof(fc.constant(0), fc.nat({ max: 5 })),
  path: fc.constantFrom(...dedupPaths),
});

const bothExecutionsAgree = (lane: Lane, speed: SpeedExecution) =>
  fc.asyncProperty(archivedCase, async (archived) => {
    const { deliveries, path } = archived;
    const options = await archiveFor(lane, archived);
    const batch = await Promise.all(views.map((view) => batchRows(lane, view, options, path)));
    views.forEach((view, index) => {
      expect({ view: view.id, rows: batch[index] }).toEqual({
        view: view.id,
        rows: speed(view, deliveries),
      });
    });
  });

/** What the batch layer runs for a targeted repair: a window-aligned range of one key. */
const targetedRecomputeAgrees = (lane: Lane) =>
  fc.asyncProperty(
    archivedCase,
    fc.constantFrom(...views),
    fc.record({ pick: fc.nat(), before: fc.nat({ max: 2 }), after: fc.nat({ max: 2 }) }),
    async (archived, view, { pick, before, after }) => {
      const { deliveries, path } = archived;
      const options = await archiveFor(lane, archived);
      const speed = speedRows(view, deliveries);
      const target = speed[pick % Math.max(speed.length, 1)] ?? {
        key: GLOBAL_KEY,
        windowStartMs: 0,
      };
      const fromMs = target.windowStartMs - before * view.windowMs;
      const toMs = target.windowStartMs + after * view.windowMs;
      const expected = speed.filter(
        (row) => row.key === target.key && row.windowStartMs >= fromMs && row.windowStartMs < toMs,
      );
      expect(
        await batchRows(lane, view, { ...options, fromMs, toMs, keyEquals: target.key }, path),
      ).toEqual(expected);
    },
  );

/** Runs a property in every lane at once; the first lane's failure (seed, shrunk counterexample) is thrown. */
async function assertInLanes<Values>(
  property: (lane: Lane) => fc.IAsyncProperty<Values>,
  numRuns: number,
) {
  const results = await Promise.allSettled(
    lanes.map((lane) =>
      fc.assert(property(lane), { numRuns: Math.ceil(numRuns / lanes.length), ...reproduction }),
    ),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/** A speed path with a planted bug must be caught by the same harness, or the harness proves nothing. */
const mutants: Record<string, SpeedExecution> = {
  'counts re-deliveries': (view, deliveries) =>
    speedRows(
      view,
      deliveries.map((delivery) => ({
        ...delivery,
        event: {
          ...delivery.event,
          eventId: `${delivery.event.eventId}@${delivery.kafkaPartition}:${delivery.kafkaOffset}`,
        },
      })),
    ),
  'reads missing values as empty text': (view, deliveries) =>
    speedRows(
      view,
      deliveries.map((delivery) => ({
        ...delivery,
        event: {
          ...delivery.event,
          fields: Object.fromEntries(
            Object.entries(delivery.event.fields).map(([name, value]) => [name, value ?? '']),
          ),
        },
      })),
    ),
  'puts window edges in the previous window': (view, deliveries) =>
    speedRows(
      view,
      deliveries.map((delivery) => ({
        ...delivery,
        event: { ...delivery.event, occurredAtMs: delivery.event.occurredAtMs - 1 },
      })),
    ),
};

describe('speed executor and batch SQL (real ClickHouse)', () => {
  it(`agree on every shipped and probe view for ${CASES} generated event sets`, async () => {
    await assertInLanes((lane) => bothExecutionsAgree(lane, speedRows), CASES);
    // About 1-2 minutes; the margin is for a 2-core box shared with other test runs.
  }, 300_000);

  it('agree on targeted recomputes of one key over a window-aligned range', async () => {
    await assertInLanes(targetedRecomputeAgrees, 100);
  }, 60_000);

  it.each(Object.entries(mutants))(
    'catch a speed path that %s',
    async (_bug, mutant) => {
      const [lane] = lanes as [Lane];
      const result = await fc.check(bothExecutionsAgree(lane, mutant), {
        numRuns: 200,
        endOnFailure: true,
      });
      expect(result.failed).toBe(true);
    },
    60_000,
  );
});
