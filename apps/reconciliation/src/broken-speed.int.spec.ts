import { z } from 'zod';
import { queryRows } from '@lambda/clickhouse';
import {
  batchOracle,
  documentsOf,
  eventually,
  generateOrderStream,
  readLog,
  startApp,
  type AppProcess,
  type OrderDocument,
} from '@lambda/testing';
import { eq, not, orderStatus5m, shippedViews, type View } from '@lambda/transforms';
import { readBatchRows, readViewState } from '@lambda/views-store';
import type { run as runSchema } from './http/api-schemas.js';
import { runsPage, status as statusSchema } from './http/api-schemas.js';
import { archive, deliveriesOf } from './testing/deliveries.js';
import { writeSpeedLayer } from './testing/speed-layer.js';
import { createTestStores, type TestStores } from './testing/test-stores.js';

const HOUR = 3_600_000;
const WINDOW = orderStatus5m.windowMs;
const view = orderStatus5m;
/** The deliberately broken speed path: the same view id and version, but refunds never counted. */
const brokenStatus5m: View = { ...orderStatus5m, filter: not(eq('status', 'refunded')) };

const now = Date.now();
const items = generateOrderStream({
  seed: 82,
  count: 1_500,
  startMs: now - 8 * HOUR,
  stepMs: 15_000,
  duplicateRate: 0.03,
});
const documents = documentsOf(items);
const windowOf = (d: OrderDocument) => Math.floor(Date.parse(d.occurred_at) / WINDOW) * WINDOW;

/** Three adjacent windows and one apart, each with a few events: where refunds will be. */
function chooseWindows(): number[] {
  const perWindow = new Map<number, number>();
  for (const d of new Set(documents))
    perWindow.set(windowOf(d), (perWindow.get(windowOf(d)) ?? 0) + 1);
  const busy = (w: number) => (perWindow.get(w) ?? 0) >= 4;
  const starts = [...perWindow.keys()].sort((a, b) => a - b).slice(5);
  const run = starts.find((w) => busy(w) && busy(w + WINDOW) && busy(w + 2 * WINDOW))!;
  const apart = starts.find((w) => w > run + 10 * WINDOW && busy(w))!;
  return [run, run + WINDOW, run + 2 * WINDOW, apart];
}
const chosen = chooseWindows();
// Refunds only in the chosen windows (every other event there), so exactly they diverge.
[...new Set(documents)].forEach((d, i) => {
  if (chosen.includes(windowOf(d))) d['status'] = i % 2 === 0 ? 'refunded' : 'created';
  else if (d['status'] === 'refunded') d['status'] = 'completed';
});
const deliveries = deliveriesOf(items);

let stores: TestStores;
const running: AppProcess[] = [];
let reconciliation: AppProcess;
const start = async (app: string, env: Record<string, string>, args: string[] = []) => {
  const process = await startApp(app, { env, args });
  running.push(process);
  return process;
};
const api = (path: string, token = stores.reader.token) =>
  fetch(`${reconciliation.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
const runsOf = async (query: string) =>
  runsPage.parse(await (await api(`/v1/reconciliation/runs?${query}`)).json()).runs;
const controlLog = async () =>
  (await readLog(stores.kafka, stores.controlTopic)).map((entry) => entry.document);

beforeAll(async () => {
  stores = await createTestStores('broken');
  await archive(stores.clickhouse, deliveries);
  const speedViews = shippedViews.views.map((v) => (v.id === view.id ? brokenStatus5m : v));
  await writeSpeedLayer(stores.cassandra, speedViews, deliveries, { allowedLatenessMs: Infinity });
  reconciliation = await start('reconciliation', {
    ...stores.env.reconciliation,
    RECONCILIATION_INTERVAL_MS: String(HOUR),
  });
  await eventually(
    async () => reconciliation.logs.some((l) => l['msg'] === 'listening for completed batch runs'),
    { timeoutMs: 60_000 },
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop('SIGTERM')));
  await stores?.drop();
});

describe('a broken speed path (order_status_5m drops refunds), with the real apps', () => {
  let detected: ReturnType<typeof runSchema.parse>;

  it('is detected by the first reconciliation after the batch run, with exactly the affected windows', async () => {
    const recompute = await start('batch', stores.env.batch, ['recompute']);
    expect(await recompute.exited).toBe(0);
    const state = await readViewState(stores.cassandra, view.id, view.version);
    await eventually(
      async () =>
        (await runsOf(`view=${view.id}&limit=100`)).some(
          (r) => r.triggerBatchRunId === state.batchRunId,
        ),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    detected = (await runsOf(`view=${view.id}&limit=100`)).find(
      (r) => r.triggerBatchRunId === state.batchRunId,
    )!;
    expect(detected).toMatchObject({
      status: 'succeeded',
      trigger: 'batch_run_completed',
      batchRunId: state.batchRunId,
      severity: 'critical',
      repairsRequested: 2,
      pinAction: 'pinned',
      affectedWindowCount: chosen.length,
    });
    expect(Object.fromEntries(detected.measures.map((m) => [m.measure, m.unexplained]))).toEqual({
      created: 0,
      completed: 0,
      cancelled: 0,
      refunded: 1,
    });
    expect(detected.affectedWindows.map((w) => Date.parse(w.start)).sort()).toEqual(chosen);
    for (const window of detected.affectedWindows) {
      expect(Object.keys(window.measures)).toEqual(['refunded']);
      expect(window.measures['refunded']).toMatchObject({
        kind: 'unexplained',
        speed: 0,
        lateEvents: 0,
      });
      expect(window.measures['refunded']!.batch).toBeGreaterThan(0);
    }
  }, 180_000);

  it('asks batch to recompute the affected ranges (adjacent windows coalesced) and pins the view', async () => {
    const requests = (await controlLog()).filter((m) => m['type'] === 'recompute_requested');
    expect(requests).toEqual([
      expect.objectContaining({
        viewId: view.id,
        version: 1,
        fromMs: chosen[0],
        toMs: chosen[2]! + WINDOW,
      }),
      expect.objectContaining({
        viewId: view.id,
        version: 1,
        fromMs: chosen[3],
        toMs: chosen[3]! + WINDOW,
      }),
    ]);
    expect(requests.every((r) => r['key'] === undefined && r['origin'] === detected.runId)).toBe(
      true,
    );
    const state = await readViewState(stores.cassandra, view.id, view.version);
    expect(state.pinnedToBatch).toBe(true);
    expect(state.pinnedReason).toMatch(
      /^reconciliation: unexplained divergence 100\.00% on refunded/,
    );

    const status = statusSchema.parse(await (await api('/v1/reconciliation/status')).json());
    const byView = new Map(status.views.map((v) => [v.view, v]));
    expect(byView.get(view.id)).toMatchObject({
      pinnedToBatch: true,
      lastSucceededRun: { severity: 'critical' },
    });
    for (const other of shippedViews.views.filter((v) => v.id !== view.id))
      expect(byView.get(other.id)).toMatchObject({
        pinnedToBatch: false,
        lastSucceededRun: { severity: 'ok', repairsRequested: 0 },
      });
  });

  it('after batch served the repair, keeps the pin and serves exactly batch', async () => {
    const serve = await start('batch', stores.env.batch, ['serve']);
    await eventually(
      async () =>
        (await controlLog()).filter(
          (m) => m['type'] === 'batch_run_completed' && m['kind'] === 'targeted',
        ).length === 2,
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    expect(await serve.stop('SIGTERM')).toBe(0);
    const repairs = (await controlLog())
      .filter((m) => m['kind'] === 'targeted')
      .map((m) => m['runId']);
    // Each repair is verified by a run that may pin but never asks again (no repair loop).
    await eventually(
      async () => {
        const verified = (await runsOf(`view=${view.id}&limit=100`)).filter((r) =>
          repairs.includes(r.triggerBatchRunId),
        );
        return verified.length === 2 && verified.every((r) => r.repairsRequested === 0);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect((await controlLog()).filter((m) => m['type'] === 'recompute_requested')).toHaveLength(2);

    const state = await readViewState(stores.cassandra, view.id, view.version);
    expect(state.pinnedToBatch).toBe(true);
    const serving = await start('serving', stores.env.serving);
    const fromMs = Math.floor((now - 8 * HOUR) / WINDOW) * WINDOW;
    const toMs = state.batchWatermarkMs! + HOUR;
    const res = await fetch(`${serving.url}/v1/views/${view.id}/series?from=${fromMs}&to=${toMs}`, {
      headers: { authorization: `Bearer ${stores.reader.token}` },
    });
    expect(res.status).toBe(200);
    const served = (await res.json()) as {
      pinnedToBatch: boolean;
      windows: { start: string; layer: string; measures: Record<string, number | null> }[];
    };
    expect(served.pinnedToBatch).toBe(true);
    const batchRows = new Map(
      (
        await readBatchRows(stores.cassandra, {
          viewId: view.id,
          version: view.version,
          runId: state.batchRunId!,
          key: '*',
          windowMs: WINDOW,
          fromMs,
          toMs,
        })
      ).map((row) => [row.windowStartMs, row.measures]),
    );
    const oracle = batchOracle(documents);
    const zero = { created: 0n, completed: 0n, cancelled: 0n, refunded: 0n };
    for (const window of served.windows) {
      const startMs = Date.parse(window.start);
      if (startMs + WINDOW > state.batchWatermarkMs!) {
        expect(window).toMatchObject({ layer: 'none', measures: { refunded: null } });
        continue;
      }
      const measures = Object.fromEntries(
        Object.entries(window.measures).map(([name, value]) => [name, BigInt(value!)]),
      );
      expect(window.layer).toBe('batch');
      expect(measures).toEqual({ ...zero, ...batchRows.get(startMs) });
      expect(measures).toEqual(oracle.get(`${view.id}@1|*|${startMs}`) ?? zero);
    }
    expect(served.windows.filter((w) => w.layer === 'batch').length).toBeGreaterThan(60);
  }, 240_000);

  it('serves its status, runs (paged) and OpenAPI behind the views:read key, and exports its metrics', async () => {
    expect((await fetch(`${reconciliation.url}/v1/reconciliation/status`)).status).toBe(401);
    const bad = await api('/v1/reconciliation/runs?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const first = runsPage.parse(await (await api('/v1/reconciliation/runs?limit=3')).json());
    expect(first.runs).toHaveLength(3);
    const second = runsPage.parse(
      await (await api(`/v1/reconciliation/runs?limit=3&before=${first.next}`)).json(),
    );
    const ids = [...first.runs, ...second.runs].map((r) => r.runId);
    expect(new Set(ids).size).toBe(6);
    expect(Date.parse(second.runs[0]!.startedAt)).toBeLessThanOrEqual(
      Date.parse(first.runs[2]!.startedAt),
    );

    const document = (await (await fetch(`${reconciliation.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/reconciliation/status', '/v1/reconciliation/runs']),
    );
    // The served document's own schemas (additionalProperties: false) hold for real answers.
    const conforms = async (schema: string, path: string) =>
      z
        .fromJSONSchema(document.components.schemas[schema] as never)
        .safeParse(await (await api(path)).json()).error?.issues ?? [];
    expect(await conforms('Status', '/v1/reconciliation/status')).toEqual([]);
    expect(await conforms('RunsPage', '/v1/reconciliation/runs?limit=5')).toEqual([]);
    expect(await conforms('Problem', '/v1/reconciliation/runs?limt=5')).toEqual([]);

    const metrics = await (await fetch(`${reconciliation.url}/metrics`)).text();
    expect(metrics).toContain(
      'lambda_reconciliation_divergence_ratio{view="order_status_5m",version="1",measure="refunded",kind="unexplained"} 1',
    );
    expect(metrics).toContain(
      'lambda_reconciliation_divergence_ratio{view="order_status_5m",version="1",measure="created",kind="unexplained"} 0',
    );
    expect(metrics).toContain(
      'lambda_reconciliation_repairs_requested_total{view="order_status_5m"} 2',
    );
    expect(metrics).toMatch(/lambda_reconciliation_last_run_timestamp_seconds \d{10}/);
    expect(metrics).toContain('lambda_reconciliation_runs_total{status="failed"} 0');
    const stored = await queryRows<{ runs: string }>(
      stores.clickhouse,
      `SELECT count() AS runs FROM reconciliation_runs WHERE status = 'succeeded'`,
    );
    expect(Number(stored[0]!.runs)).toBeGreaterThanOrEqual(6);
  });

  it('lifts its pin after the next clean run, once speed is fixed', async () => {
    await writeSpeedLayer(stores.cassandra, [orderStatus5m], deliveries, {
      allowedLatenessMs: Infinity,
    });
    const recompute = await start('batch', stores.env.batch, ['recompute']);
    expect(await recompute.exited).toBe(0);
    const state = await readViewState(stores.cassandra, view.id, view.version);
    await eventually(
      async () =>
        (await runsOf(`view=${view.id}&limit=100`)).some(
          (r) => r.triggerBatchRunId === state.batchRunId && r.status === 'succeeded',
        ),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const clean = (await runsOf(`view=${view.id}&limit=100`)).find(
      (r) => r.triggerBatchRunId === state.batchRunId,
    )!;
    expect(clean).toMatchObject({ severity: 'ok', pinAction: 'unpinned', repairsRequested: 0 });
    expect(await readViewState(stores.cassandra, view.id, view.version)).toMatchObject({
      pinnedToBatch: false,
      pinnedReason: null,
    });
  }, 180_000);
});
