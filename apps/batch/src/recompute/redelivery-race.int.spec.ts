import { merchantRevenueHourly } from '@lambda/transforms';
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
import { recomputeView } from './recompute-view.js';

const view = merchantRevenueHourly;
const events = dayOldOrderEvents(11);

let stores: TestStores;
beforeAll(async () => {
  stores = await createTestStores('race');
  await archiveEvents(stores.clickhouse, events);
});
afterAll(() => stores.drop());

/** The archiver re-reading every record after a crash (same partitions and offsets), `times` times, each as a chunk's re-delivered ids were just collected. */
function redeliverAfterIdsCollected(times: number) {
  let redeliveries = 0;
  const afterStep = async (step: RunStep) => {
    if (step !== 'chunk_ids_collected' || redeliveries === times) return;
    redeliveries += 1;
    await archiveEvents(stores.clickhouse, events);
  };
  return { hooks: { afterStep }, redeliveries: () => redeliveries };
}

describe('re-deliveries archived while a chunk is computed (real ClickHouse and Cassandra)', () => {
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
