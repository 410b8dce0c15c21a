import { queryRows } from '@lambda/clickhouse';
import { eventually, stack } from '@lambda/testing';
import { orderStatus5m } from '@lambda/transforms';
import { readViewState } from '@lambda/views-store';
import { testRunContext } from '../testing/run-context.js';
import { createTestStores, type TestStores } from '../testing/test-stores.js';
import { archiveEvents, dayOldOrderEvents } from '../testing/view-rows.js';
import { recomputeView } from './recompute-view.js';

const view = orderStatus5m;

let stores: TestStores;
beforeAll(async () => {
  stores = await createTestStores('failure');
  await archiveEvents(stores.clickhouse, dayOldOrderEvents(9));
});
afterAll(() => stores.drop());

describe('a recompute whose store fails mid-run (real ClickHouse stopped)', () => {
  it('is recorded failed with its cause, leaves view_state on the previous run, and the next run succeeds', async () => {
    expect(await recomputeView(view, testRunContext(stores).context)).toMatchObject({
      status: 'succeeded',
    });
    const before = await readViewState(stores.cassandra, view.id, view.version);

    let restarted: Promise<void> | undefined;
    const { context } = testRunContext(stores, {
      hooks: {
        afterStep: async (step) => {
          if (step !== 'computed') return;
          await stack('down', 'clickhouse');
          // Back while the run is still retrying to record its failure.
          restarted = new Promise((resolve) => setTimeout(resolve, 2_000)).then(() =>
            stack('up', 'clickhouse'),
          );
        },
      },
    });
    let outcome;
    try {
      outcome = await recomputeView(view, context);
    } finally {
      await restarted?.catch(() => undefined);
      await stack('up', 'clickhouse');
    }

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'clickhouse_unavailable' } });
    const failedRunId = (outcome as { runId: string }).runId;
    expect(await readViewState(stores.cassandra, view.id, view.version)).toEqual(before);
    await eventually(async () => {
      const [run] = await queryRows<{ status: string; error: string }>(
        stores.clickhouse,
        `SELECT status, error FROM batch_runs WHERE run_id = '${failedRunId}' AND status = 'failed'`,
      );
      return (
        run !== undefined && run.error.startsWith('clickhouse_unavailable: ClickHouse query failed')
      );
    });

    const next = await recomputeView(view, testRunContext(stores).context);
    expect(next).toMatchObject({ status: 'succeeded' });
    expect(await readViewState(stores.cassandra, view.id, view.version)).toMatchObject({
      batchRunId: (next as { runId: string }).runId,
    });
  });
});
