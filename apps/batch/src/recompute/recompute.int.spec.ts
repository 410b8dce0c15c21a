import { PlatformError } from '@lambda/errors';
import { queryRows } from '@lambda/clickhouse';
import { documentsOf, generateOrderStream } from '@lambda/testing';
import { count, defineView, distinct, eq, merchantRevenueHourly, sum } from '@lambda/transforms';
import { readViewState } from '@lambda/views-store';
import { archiveEvents, executorRows, parsedEvents, publishedRows } from '../testing/view-rows.js';
import { testRunContext } from '../testing/run-context.js';
import { createTestStores, silentLogger, type TestStores } from '../testing/test-stores.js';
import { tryAcquireLease } from './lease.js';
import { recomputeRange, recomputeView } from './recompute-view.js';
import { publishedRunIds } from './results-table.js';
import type { RunStep } from './execute-run.js';
import { recordRun } from './run-history.js';
import { planFullRun } from './run-plan.js';

const HOUR = 3_600_000;
const now = Date.now();
const view = merchantRevenueHourly;
const items = generateOrderStream({
  seed: 6,
  count: 3_000,
  startMs: now - 72 * HOUR,
  stepMs: 80_000,
  duplicateRate: 0.05,
  lateRate: 0.05,
});
const events = parsedEvents(documentsOf(items));

let stores: TestStores;
let failedRunId = '';
beforeAll(async () => {
  stores = await createTestStores('recompute');
  await archiveEvents(stores.clickhouse, events);
});
afterAll(() => stores.drop());

interface RunRow {
  run_id: string;
  status: string;
  kind: string;
  published_run_id: string;
  key_filter: string;
  input_events: string;
  rows_published: string;
  window_to_ms: string;
  transform_version: string;
  error: string;
}
const runRows = (runId: string) =>
  queryRows<RunRow>(
    stores.clickhouse,
    `SELECT * FROM batch_runs WHERE run_id = '${runId}' ORDER BY finished_at_ms`,
  );
const succeeded = async (outcome: Promise<{ status: string; runId?: string }>) => {
  const result = await outcome;
  expect(result).toMatchObject({ status: 'succeeded' });
  return result.runId as string;
};

describe('recompute against real ClickHouse and Cassandra', () => {
  it('publishes every settled window exactly as the speed executor computes it, then moves view_state', async () => {
    const { context, announced } = testRunContext(stores);
    const runId = await succeeded(recomputeView(view, context));

    const state = await readViewState(stores.cassandra, view.id, view.version);
    const watermarkMs = Math.floor((now - HOUR) / HOUR) * HOUR;
    expect(state).toMatchObject({ batchRunId: runId });
    expect([watermarkMs, watermarkMs + HOUR]).toContain(state.batchWatermarkMs);
    const expected = executorRows(view, events, state.batchWatermarkMs!);
    expect(expected.length).toBeGreaterThan(100);
    expect(await publishedRows(stores.cassandra, view, runId)).toEqual(expected);

    const [running, done] = await runRows(runId);
    expect(running).toMatchObject({ status: 'running' });
    const deliveries = events.filter((e) => e.occurredAtMs < state.batchWatermarkMs!).length;
    expect(done).toMatchObject({
      status: 'succeeded',
      kind: 'full',
      published_run_id: runId,
      input_events: String(deliveries),
      rows_published: String(expected.length),
      window_to_ms: String(state.batchWatermarkMs),
      transform_version: expect.stringMatching(/^v1\+sql\.[0-9a-f]{12}$/),
    });
    expect(announced).toEqual([
      expect.objectContaining({
        type: 'batch_run_completed',
        runId,
        viewId: view.id,
        version: 1,
        watermarkMs: state.batchWatermarkMs,
        windowFromMs: Math.min(...expected.map((row) => row.windowStartMs)),
        rows: expected.length,
      }),
    ]);
  });

  it('is deterministic: a second run over the same data publishes identical rows', async () => {
    const { context } = testRunContext(stores);
    const first = (await readViewState(stores.cassandra, view.id, view.version)).batchRunId!;
    const second = await succeeded(recomputeView(view, context));
    expect(second).not.toBe(first);
    expect(await publishedRows(stores.cassandra, view, second)).toEqual(
      await publishedRows(stores.cassandra, view, first),
    );
  });

  it('backfills a new view version over the whole history before view_state names it', async () => {
    const v2 = defineView({
      id: 'merchant_revenue_hourly',
      version: 2,
      description: 'v1 plus distinct customers',
      source: { type: 'order', versions: [1, 2] },
      filter: eq('status', 'completed'),
      key: ['merchant_id', 'currency'],
      window: '1h',
      measures: {
        revenue_minor: sum('amount_minor'),
        completed_orders: count(),
        customers: distinct('customer_id'),
      },
    });
    const seenDuringRun: [RunStep, string | null][] = [];
    const { context } = testRunContext(stores, {
      hooks: {
        afterStep: async (step) => {
          const { batchRunId } = await readViewState(stores.cassandra, v2.id, v2.version);
          seenDuringRun.push([step, batchRunId]);
        },
      },
    });
    const runId = await succeeded(recomputeView(v2, context));
    expect(seenDuringRun.map(([step]) => step)).toEqual(
      expect.arrayContaining(['chunk_ids_collected', 'computed', 'rows_published']),
    );
    expect(seenDuringRun.filter(([, seen]) => seen !== null)).toEqual([]);
    const state = await readViewState(stores.cassandra, v2.id, v2.version);
    expect(state.batchRunId).toBe(runId);
    expect(await publishedRows(stores.cassandra, v2, runId)).toEqual(
      executorRows(v2, events, state.batchWatermarkMs!),
    );
  });

  it('leaves serving on the previous run when a run fails between publishing rows and moving view_state', async () => {
    const before = await readViewState(stores.cassandra, view.id, view.version);
    const { context } = testRunContext(stores, {
      hooks: {
        afterStep: async (step) => {
          if (step === 'rows_published')
            throw new PlatformError('injected fault', { code: 'injected_fault' });
        },
      },
    });
    const outcome = await recomputeView(view, context);
    expect(outcome).toMatchObject({ status: 'failed' });
    failedRunId = (outcome as { runId: string }).runId;

    expect(await readViewState(stores.cassandra, view.id, view.version)).toEqual(before);
    expect((await publishedRows(stores.cassandra, view, failedRunId)).length).toBeGreaterThan(0);
    expect((await runRows(failedRunId)).at(-1)).toMatchObject({
      status: 'failed',
      error: 'injected_fault: injected fault',
    });

    const next = await succeeded(recomputeView(view, testRunContext(stores).context));
    expect(await readViewState(stores.cassandra, view.id, view.version)).toMatchObject({
      batchRunId: next,
    });
  });

  it('retires all but the current and the previous run, failed runs included', async () => {
    const state = await readViewState(stores.cassandra, view.id, view.version);
    const succeededRuns = (
      await queryRows<{ run_id: string }>(
        stores.clickhouse,
        `SELECT run_id FROM batch_runs WHERE view = '${view.id}' AND version = 1 AND status = 'succeeded' ORDER BY finished_at_ms`,
      )
    ).map((row) => row.run_id);
    expect(succeededRuns).toHaveLength(3);
    const [oldest, previous, current] = succeededRuns;
    expect(current).toBe(state.batchRunId);
    expect((await publishedRunIds(stores.results, view)).sort()).toEqual(
      [current, previous].sort(),
    );
    expect(await publishedRows(stores.cassandra, view, oldest!)).toEqual([]);
    expect(await publishedRows(stores.cassandra, view, failedRunId)).toEqual([]);
  });

  it('republishes a targeted range in place under the current run, and nothing else', async () => {
    const state = await readViewState(stores.cassandra, view.id, view.version);
    const current = state.batchRunId!;
    const before = await publishedRows(stores.cassandra, view, current);
    const target = before[Math.floor(before.length / 2)]!;
    const [merchant, currency] = target.key.split('|');
    const late = (id: string, merchantId: string, amount: number) => ({
      event_id: id,
      type: 'order',
      schema_version: 1,
      occurred_at: new Date(target.windowStartMs + 600_000).toISOString(),
      order_id: id,
      merchant_id: merchantId,
      customer_id: 'c-late',
      amount_minor: amount,
      currency: currency!,
      status: 'completed',
    });
    const lateEvents = parsedEvents([
      late('late-1', merchant!, 7_777_777),
      late('late-2', 'm-other', 5),
    ]);
    await archiveEvents(stores.clickhouse, lateEvents, { firstOffset: 1_000_000 });

    const { context, announced } = testRunContext(stores);
    const runId = await succeeded(
      recomputeRange(
        view,
        { fromMs: target.windowStartMs, toMs: target.windowStartMs + 1, key: target.key },
        context,
      ),
    );

    const [repaired] = executorRows(
      view,
      [...events, ...lateEvents],
      state.batchWatermarkMs!,
    ).filter((row) => row.key === target.key && row.windowStartMs === target.windowStartMs);
    expect(repaired!.measures['max_order_minor']).toBe(7_777_777n);
    const after = await publishedRows(stores.cassandra, view, current);
    expect(after).toEqual(before.map((row) => (row === target ? repaired : row)));
    expect(await readViewState(stores.cassandra, view.id, view.version)).toEqual(state);
    expect((await runRows(runId)).at(-1)).toMatchObject({
      status: 'succeeded',
      kind: 'targeted',
      published_run_id: current,
      key_filter: target.key,
      rows_published: '1',
    });
    expect(announced).toEqual([
      expect.objectContaining({
        kind: 'targeted',
        runId,
        publishedRunId: current,
        key: target.key,
        rows: 1,
      }),
    ]);
  });

  it('never overlaps runs of a view version: a held lease skips the scheduled run', async () => {
    const lease = await tryAcquireLease({
      client: stores.cassandra,
      name: `recompute/${view.id}/v${view.version}`,
      owner: 'another-run',
      ttlSeconds: 30,
      logger: silentLogger,
    });
    expect(lease).toBeDefined();
    const { context } = testRunContext(stores);
    expect(await recomputeView(view, context)).toMatchObject({ status: 'skipped' });
    await lease!.release();
    await succeeded(recomputeView(view, context));
  });

  it('records a run that never recorded its outcome as failed, at the next run', async () => {
    const plan = planFullRun(view, Date.now(), HOUR);
    await recordRun(stores.results, {
      plan,
      status: 'running',
      startedAtMs: Date.now(),
      finishedAtMs: 0,
    });
    await succeeded(recomputeView(view, testRunContext(stores).context));
    expect((await runRows(plan.runId)).at(-1)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^abandoned/),
    });
  });
});
