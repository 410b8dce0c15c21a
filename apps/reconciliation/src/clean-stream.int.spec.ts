import { queryRows } from '@lambda/clickhouse';
import { generateOrderStream, readLog, startApp } from '@lambda/testing';
import { merchantRevenueHourly, shippedViews, type View } from '@lambda/transforms';
import { readViewState } from '@lambda/views-store';
import { reconcileView } from './run/reconcile-view.js';
import type { RunRecord } from './run/run-record.js';
import { archive, deliveriesOf } from './testing/deliveries.js';
import { inProcessContext } from './testing/in-process.js';
import { writeSpeedLayer } from './testing/speed-layer.js';
import { createTestStores, TEST_LOOKBACK_MS, type TestStores } from './testing/test-stores.js';

const HOUR = 3_600_000;
const streamStartMs = Date.now() - 30 * HOUR;
// Late events 2–5 h behind a stream whose speed layer allows 10 minutes: all beyond the lateness.
const deliveries = deliveriesOf(
  generateOrderStream({
    seed: 81,
    count: 3_000,
    startMs: streamStartMs,
    stepMs: 30_000,
    duplicateRate: 0.05,
    lateRate: 0.05,
    lateByMs: [2 * HOUR, 5 * HOUR],
  }),
);

let stores: TestStores;
let inProcess: ReturnType<typeof inProcessContext>;
let lateEvents = 0;
const reconcile = (view: View) =>
  reconcileView(view, { kind: 'schedule', mayRepair: true }, inProcess.context);

interface FindingRow {
  key: string;
  batch_value: string | null;
  expected_value: string | null;
  window_start_ms: string;
  measure: string;
  kind: string;
  late_events: number;
  divergence: string;
  explained: string;
  unexplained: string;
}
const findingsOf = (run: RunRecord) =>
  queryRows<FindingRow>(
    stores.clickhouse,
    `SELECT * FROM reconciliation_findings WHERE run_id = '${run.runId}'`,
  );
/** Every (key, bucket) partition of a speed table for a view version. */
const partitionsOf = async (table: string, view: View) =>
  (
    await stores.cassandra.execute(
      `SELECT DISTINCT view_id, version, key, bucket FROM ${table}`,
      [],
      { fetchSize: 100_000 },
    )
  ).rows
    .filter((row) => row['view_id'] === view.id && row['version'] === view.version)
    .map((row) => ({ key: String(row['key']), bucket: row['bucket'] as bigint }));
const unexplainedOf = (run: RunRecord) => run.measures.map((m) => m.unexplained);

beforeAll(async () => {
  stores = await createTestStores('clean');
  inProcess = inProcessContext(stores, TEST_LOOKBACK_MS);
  await archive(stores.clickhouse, deliveries);
  ({ lateEvents } = await writeSpeedLayer(stores.cassandra, shippedViews.views, deliveries, {
    allowedLatenessMs: 600_000,
  }));
  const recompute = await startApp('batch', { args: ['recompute'], env: stores.env.batch });
  expect(await recompute.exited).toBe(0);
}, 240_000);

afterAll(async () => {
  await inProcess?.close();
  await stores?.drop();
});

describe('a clean stream with events later than the allowed lateness', () => {
  const runs = new Map<string, RunRecord>();

  it('is fully explained: unexplained divergence 0 on every view and measure, no repair, no pin', async () => {
    expect(lateEvents).toBeGreaterThan(50);
    for (const view of shippedViews.views) {
      const run = await reconcile(view);
      runs.set(view.id, run);
      expect(run).toMatchObject({ status: 'succeeded', severity: 'ok', repairsRequested: 0 });
      expect(run.windowsCompared).toBeGreaterThan(0);
      expect(unexplainedOf(run).every((ratio) => ratio === 0)).toBe(true);
      expect(await readViewState(stores.cassandra, view.id, view.version)).toMatchObject({
        pinnedToBatch: false,
      });
      for (const finding of await findingsOf(run)) {
        expect(finding).toMatchObject({ kind: 'late', unexplained: '0' });
        // Exactly: speed plus what its late events add is batch, to the unit, for every kind.
        expect(finding.expected_value).toBe(finding.batch_value);
        expect(finding.explained).toBe(finding.divergence);
        expect(finding.late_events).toBeGreaterThan(0);
      }
    }
    // Late events made a real difference, and it is all accounted for.
    const revenue = runs.get(merchantRevenueHourly.id)!;
    expect(Math.max(...revenue.measures.map((m) => m.explained))).toBeGreaterThan(0);
    expect(Math.max(...revenue.measures.map((m) => m.divergingWindows))).toBeGreaterThan(0);

    const requests = (await readLog(stores.kafka, stores.controlTopic)).filter(
      (entry) => entry.document['type'] === 'recompute_requested',
    );
    expect(requests).toEqual([]);
    const metrics = await inProcess.metricsText();
    expect(metrics).toContain(
      'lambda_reconciliation_divergence_ratio{view="merchant_revenue_hourly",version="1",measure="revenue_minor",kind="unexplained"} 0',
    );
    expect(metrics).toMatch(
      /lambda_reconciliation_divergence_ratio\{view="merchant_revenue_hourly",version="1",measure="completed_orders",kind="explained"\} 0\.\d*[1-9]/,
    );
    expect(metrics).toContain('lambda_reconciliation_runs_total{status="succeeded"} 4');
    expect(metrics).toContain(
      'lambda_reconciliation_repairs_requested_total{view="order_status_5m"} 0',
    );
  });

  it('reports windows whose speed rows expired as explained (missing speed), not as drift', async () => {
    const view = merchantRevenueHourly;
    const before = runs.get(view.id)!;
    // Six hours at the stream's start lose every speed row, as a TTL would do. They lie where
    // the stream is dense (~120 events an hour): the hours before it hold only a few late
    // events, and whether one of those is a completed order depends on the wall clock.
    const fromMs = Math.ceil(streamStartMs / HOUR) * HOUR;
    const toMs = fromMs + 6 * HOUR;
    for (const table of ['speed_view', 'speed_late_events'])
      for (const { key, bucket } of await partitionsOf(table, view))
        await stores.cassandra.execute(
          `DELETE FROM ${table} WHERE view_id = ? AND version = ? AND key = ? AND bucket = ? AND window_start >= ? AND window_start < ?`,
          [view.id, view.version, key, bucket, new Date(fromMs), new Date(toMs)],
          { prepare: true },
        );

    const run = await reconcile(view);
    expect(run).toMatchObject({ status: 'succeeded', severity: 'ok', repairsRequested: 0 });
    expect(unexplainedOf(run).every((ratio) => ratio === 0)).toBe(true);
    const revenue = (r: RunRecord) => r.measures.find((m) => m.measure === 'revenue_minor')!;
    expect(revenue(run).explained).toBeGreaterThan(revenue(before).explained);

    const findings = await findingsOf(run);
    const expired = findings.filter(
      (f) => Number(f.window_start_ms) >= fromMs && Number(f.window_start_ms) < toMs,
    );
    expect(new Set(expired.map((f) => Number(f.window_start_ms))).size).toBe(6);
    expect(new Set(expired.map((f) => f.kind))).toEqual(new Set(['missing_speed']));
    expect(expired.every((f) => f.unexplained === '0' && f.explained === f.divergence)).toBe(true);
    expect(
      new Set(findings.filter((f) => Number(f.window_start_ms) >= toMs).map((f) => f.kind)),
    ).toEqual(new Set(['late']));
    expect(await readViewState(stores.cassandra, view.id, view.version)).toMatchObject({
      pinnedToBatch: false,
    });
  });
});
