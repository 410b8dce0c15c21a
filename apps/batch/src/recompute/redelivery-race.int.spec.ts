import { queryRows } from '@lambda/clickhouse';
import { identifier, literal } from '@lambda/schemas';
import { createViewRegistry, merchantRevenueHourly } from '@lambda/transforms';
import { readViewState } from '@lambda/views-store';
import { testRunContext } from '../testing/run-context.js';
import { createTestStores, type TestStores } from '../testing/test-stores.js';
import {
  archiveEvents,
  dayOldOrderEvents,
  executorRows,
  publishedRows,
} from '../testing/view-rows.js';
import type { RunStep } from './execute-run.js';
import { recomputeAllViews } from './recompute-all.js';
import { recomputeView } from './recompute-view.js';

const view = merchantRevenueHourly;
const events = dayOldOrderEvents(11);

let stores: TestStores;
beforeAll(async () => {
  stores = await createTestStores('race');
  await archiveEvents(stores.clickhouse, events);
});
afterAll(() => stores.drop());

/**
 * The archiver re-reading every record after a crash (same partitions and offsets), `times` times,
 * each as a chunk's re-delivered ids (or the run's delivery index) were just collected.
 */
function redeliverAfterIdsCollected(times: number, beforeEach = async () => {}) {
  let redeliveries = 0;
  const afterStep = async (step: RunStep) => {
    if (step !== 'chunk_ids_collected' || redeliveries === times) return;
    await beforeEach();
    redeliveries += 1;
    await archiveEvents(stores.clickhouse, events);
  };
  return { hooks: { afterStep }, redeliveries: () => redeliveries };
}

/** The delivery index tables in the test's database, with their rows. */
async function deliveryIndexTables() {
  const { database } = stores.config.clickhouse;
  const tables = await queryRows<{ name: string }>(
    stores.clickhouse,
    `SELECT name FROM system.tables
     WHERE database = ${literal(database)} AND startsWith(name, 'delivery_index_') ORDER BY name`,
  );
  const rows = async (name: string) => {
    const [counted] = await queryRows<{ rows: string }>(
      stores.clickhouse,
      `SELECT count() AS rows FROM ${identifier(database)}.${identifier(name)}`,
    );
    return Number(counted?.rows);
  };
  return Promise.all(
    tables.map(async ({ name }) => ({ table: name.replace(/^.*_/, ''), rows: await rows(name) })),
  );
}

describe('re-deliveries archived while a chunk is computed (real ClickHouse and Cassandra)', () => {
  it('are counted once when the runs share a delivery index: the chunk falls back to its own ids', async () => {
    const indexes: Array<Array<{ table: string; rows: number }>> = [];
    const redelivery = redeliverAfterIdsCollected(1, async () => {
      indexes.push(await deliveryIndexTables());
    });
    const [run] = await recomputeAllViews(
      createViewRegistry([view]),
      testRunContext(stores, { hooks: redelivery.hooks }).context,
    );

    expect(run?.outcome).toMatchObject({ status: 'succeeded' });
    // Runs first, while each record is archived once: then a second copy of a record is one the
    // index did not exclude, which the plain pass would count again.
    expect(indexes.map((index) => index.map(({ table }) => table))).toEqual([
      ['days', 'dedup', 'excluded'],
    ]);
    expect(await deliveryIndexTables()).toEqual([]);
    const state = await readViewState(stores.cassandra, view.id, view.version);
    const { runId } = run?.outcome as { runId: string };
    expect(await publishedRows(stores.cassandra, view, runId)).toEqual(
      executorRows(view, events, state.batchWatermarkMs!),
    );
  });

  it('are counted once: the chunk is computed again over the rows as they are now', async () => {
    const redelivery = redeliverAfterIdsCollected(1);
    const outcome = await recomputeView(
      view,
      testRunContext(stores, { hooks: redelivery.hooks }).context,
    );

    expect(outcome).toMatchObject({ status: 'succeeded' });
    expect(redelivery.redeliveries()).toBe(1);
    const state = await readViewState(stores.cassandra, view.id, view.version);
    const { runId } = outcome as { runId: string };
    expect(await publishedRows(stores.cassandra, view, runId)).toEqual(
      executorRows(view, events, state.batchWatermarkMs!),
    );
  });

  it('fail the run, view_state unchanged, when they keep arriving at every attempt', async () => {
    const before = await readViewState(stores.cassandra, view.id, view.version);
    const redelivery = redeliverAfterIdsCollected(Infinity);
    const outcome = await recomputeView(
      view,
      testRunContext(stores, { hooks: redelivery.hooks }).context,
    );

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'master_rows_changing' } });
    expect(redelivery.redeliveries()).toBe(3);
    expect(await readViewState(stores.cassandra, view.id, view.version)).toEqual(before);
  });
});
