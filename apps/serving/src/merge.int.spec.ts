import { createViewRegistry } from '@lambda/transforms';
import { publishBatchRun, setBatchPin } from '@lambda/views-store';
import { startServing, type ServingUnderTest } from './test-support/start-serving.js';
import { writeBatchRow, writeSpeedProgress, writeSpeedRow } from './test-support/table-rows.js';
import { createTestKeyspace, type TestKeyspace } from './test-support/test-keyspace.js';
import { customersDaily, revenueView } from './test-support/views.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 1); // 2026-03-01T00:00:00Z
const at = (hours: number) => T0 + hours * H;

const settled = revenueView('test_revenue_hourly', 1);
const unpublished = revenueView('test_revenue_unpublished', 1);
const pinned = revenueView('test_revenue_pinned', 1);
const versionV1 = revenueView('test_revenue_versions', 1);
const versionV2 = revenueView('test_revenue_versions', 2);
const registry = createViewRegistry([
  settled,
  unpublished,
  pinned,
  versionV1,
  versionV2,
  customersDaily,
]);

const revenue = (revenue_minor: bigint, orders: bigint, min?: bigint, max?: bigint) => ({
  revenue_minor,
  orders,
  ...(min !== undefined && { min_order_minor: min }),
  ...(max !== undefined && { max_order_minor: max }),
});
const KEY = 'm-1|EUR';
const KEY_QUERY = 'merchant_id=m-1&currency=EUR';

let store: TestKeyspace;
let serving: ServingUnderTest;

beforeAll(async () => {
  store = await createTestKeyspace('merge');
  serving = await startServing({ client: store.client, registry });
  const { client } = store;
  // The slowest partition (1) is the speed layer's freshness; partition 2 has no events yet.
  await writeSpeedProgress(client, 0, at(5.5));
  await writeSpeedProgress(client, 1, at(5) + 10 * 60_000);
  await writeSpeedProgress(client, 2, null);

  // test_revenue_hourly: batch run-1 settled up to 03:00, speed after it.
  await writeBatchRow(client, {
    view: settled,
    runId: 'run-1',
    key: KEY,
    windowStartMs: at(0),
    measures: revenue(1000n, 4n, 100n, 400n),
  });
  const huge = 9_007_199_254_740_993n; // 2^53 + 1: a double cannot hold it
  await writeBatchRow(client, {
    view: settled,
    runId: 'run-1',
    key: KEY,
    windowStartMs: at(1),
    measures: revenue(huge, 1n, huge, huge),
  });
  // An older run that view_state no longer names: never visible.
  await writeBatchRow(client, {
    view: settled,
    runId: 'run-0',
    key: KEY,
    windowStartMs: at(0),
    measures: revenue(5n, 5n, 1n, 1n),
  });
  await publishBatchRun(client, {
    viewId: settled.id,
    version: 1,
    runId: 'run-1',
    watermarkMs: at(3),
  });
  const speed = (windowStartMs: number, kafkaPartition: number, measures: Record<string, bigint>) =>
    writeSpeedRow(client, { view: settled, key: KEY, windowStartMs, kafkaPartition, measures });
  await speed(at(0), 0, revenue(1n, 1n, 1n, 1n)); // older than the watermark: ignored
  await speed(at(2), 0, revenue(70n, 7n, 10n, 10n)); // ends exactly at the watermark: batch's
  await speed(at(3), 0, revenue(300n, 1n, 300n, 300n)); // starts at the watermark: speed's
  await speed(at(3), 1, revenue(200n, 2n, 50n, 150n));
  await speed(at(3), 2, revenue(0n, 1n)); // no amount seen: no min or max entry
  await speed(at(5), 3, revenue(10n, 1n, 10n, 10n));
  // Same view, another key: must not leak into m-1|EUR.
  await writeSpeedRow(client, {
    view: settled,
    key: 'm-1|USD',
    windowStartMs: at(3),
    kafkaPartition: 0,
    measures: revenue(999n, 9n),
  });
});

afterAll(async () => {
  await serving?.close();
  await store?.drop();
});

const body = async (path: string) => {
  const res = await serving.get(path);
  expect(res.status).toBe(200);
  return res.text();
};

describe('series: batch up to the watermark, speed after it', () => {
  it('serves settled windows from the published run and later ones from merged speed partitions', async () => {
    const text = await body(
      `/v1/views/test_revenue_hourly/series?${KEY_QUERY}&from=2026-03-01T00:00:00Z&to=2026-03-01T06:00:00Z`,
    );
    // JSON.parse rounds 2^53 + 1 to 2^53, so the exact digits are checked on the text itself.
    expect(text).toContain(
      '"measures":{"revenue_minor":9007199254740993,"orders":1,"min_order_minor":9007199254740993,"max_order_minor":9007199254740993}',
    );
    expect(JSON.parse(text)).toEqual({
      view: 'test_revenue_hourly',
      version: 1,
      window: '1h',
      key: { merchant_id: 'm-1', currency: 'EUR' },
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-01T06:00:00.000Z',
      batchRunId: 'run-1',
      batchWatermark: '2026-03-01T03:00:00.000Z',
      speedWatermark: '2026-03-01T05:10:00.000Z',
      pinnedToBatch: false,
      pinnedReason: null,
      windows: [
        {
          start: '2026-03-01T00:00:00.000Z',
          end: '2026-03-01T01:00:00.000Z',
          layer: 'batch',
          measures: { revenue_minor: 1000, orders: 4, min_order_minor: 100, max_order_minor: 400 },
          derived: { avg_order_minor: 250 },
        },
        {
          start: '2026-03-01T01:00:00.000Z',
          end: '2026-03-01T02:00:00.000Z',
          layer: 'batch',
          measures: {
            revenue_minor: 9_007_199_254_740_992,
            orders: 1,
            min_order_minor: 9_007_199_254_740_992,
            max_order_minor: 9_007_199_254_740_992,
          },
          derived: { avg_order_minor: 9_007_199_254_740_992 },
        },
        {
          start: '2026-03-01T02:00:00.000Z',
          end: '2026-03-01T03:00:00.000Z',
          layer: 'batch',
          measures: { revenue_minor: 0, orders: 0, min_order_minor: null, max_order_minor: null },
          derived: { avg_order_minor: null },
        },
        {
          start: '2026-03-01T03:00:00.000Z',
          end: '2026-03-01T04:00:00.000Z',
          layer: 'speed',
          measures: { revenue_minor: 500, orders: 4, min_order_minor: 50, max_order_minor: 300 },
          derived: { avg_order_minor: 125 },
        },
        {
          start: '2026-03-01T04:00:00.000Z',
          end: '2026-03-01T05:00:00.000Z',
          layer: 'speed',
          measures: { revenue_minor: 0, orders: 0, min_order_minor: null, max_order_minor: null },
          derived: { avg_order_minor: null },
        },
        {
          start: '2026-03-01T05:00:00.000Z',
          end: '2026-03-01T06:00:00.000Z',
          layer: 'speed',
          measures: { revenue_minor: 10, orders: 1, min_order_minor: 10, max_order_minor: 10 },
          derived: { avg_order_minor: 10 },
        },
      ],
    });
  });

  it('totals the same merge: no window counted twice at the boundary', async () => {
    const text = await body(
      `/v1/views/test_revenue_hourly/total?${KEY_QUERY}&from=${at(2)}&to=${at(6)}`,
    );
    expect(JSON.parse(text)).toEqual({
      view: 'test_revenue_hourly',
      version: 1,
      window: '1h',
      key: { merchant_id: 'm-1', currency: 'EUR' },
      from: '2026-03-01T02:00:00.000Z',
      to: '2026-03-01T06:00:00.000Z',
      batchRunId: 'run-1',
      batchWatermark: '2026-03-01T03:00:00.000Z',
      speedWatermark: '2026-03-01T05:10:00.000Z',
      pinnedToBatch: false,
      pinnedReason: null,
      windowsByLayer: { batch: 1, speed: 3, none: 0 },
      measures: { revenue_minor: 510, orders: 5, min_order_minor: 10, max_order_minor: 300 },
      derived: { avg_order_minor: 102 },
      omitted: [],
    });
  });

  it('totals exactly beyond 2^53', async () => {
    const text = await body(
      `/v1/views/test_revenue_hourly/total?${KEY_QUERY}&from=${at(0)}&to=${at(2)}`,
    );
    expect(text).toContain(
      '"measures":{"revenue_minor":9007199254741993,"orders":5,"min_order_minor":100,"max_order_minor":9007199254740993}',
    );
  });
});

describe('series before any batch run', () => {
  it('serves every window from speed, with no batch watermark', async () => {
    const view = unpublished;
    await writeSpeedRow(store.client, {
      view,
      key: 'm-2|USD',
      windowStartMs: at(0),
      kafkaPartition: 0,
      measures: revenue(100n, 1n, 100n, 100n),
    });
    await writeSpeedRow(store.client, {
      view,
      key: 'm-2|USD',
      windowStartMs: at(0),
      kafkaPartition: 1,
      measures: revenue(50n, 1n, 50n, 50n),
    });
    await writeSpeedRow(store.client, {
      view,
      key: 'm-2|USD',
      windowStartMs: at(2),
      kafkaPartition: 0,
      measures: revenue(7n, 1n, 7n, 7n),
    });
    const text = await body(
      `/v1/views/test_revenue_unpublished/series?merchant_id=m-2&currency=USD&from=${at(0)}&to=${at(3)}`,
    );
    expect(JSON.parse(text)).toMatchObject({
      batchRunId: null,
      batchWatermark: null,
      windows: [
        {
          layer: 'speed',
          measures: { revenue_minor: 150, orders: 2, min_order_minor: 50, max_order_minor: 100 },
          derived: { avg_order_minor: 75 },
        },
        {
          layer: 'speed',
          measures: { revenue_minor: 0, orders: 0, min_order_minor: null, max_order_minor: null },
          derived: { avg_order_minor: null },
        },
        {
          layer: 'speed',
          measures: { revenue_minor: 7, orders: 1, min_order_minor: 7, max_order_minor: 7 },
          derived: { avg_order_minor: 7 },
        },
      ],
    });
  });
});

describe('distinct measures', () => {
  const D0 = T0;
  const DAY = 24 * H;

  it('count a customer seen by several partitions once per window', async () => {
    const write = (kafkaPartition: number, orders: bigint, customers: string[]) =>
      writeSpeedRow(store.client, {
        view: customersDaily,
        key: 'm-1',
        windowStartMs: D0,
        kafkaPartition,
        measures: { orders },
        distinctValues: { customers },
      });
    await write(0, 3n, ['c-1', 'c-2']);
    await write(1, 2n, ['c-2', 'c-3']);
    const series = JSON.parse(
      await body(
        `/v1/views/test_customers_daily/series?merchant_id=m-1&from=${D0}&to=${D0 + 2 * DAY}`,
      ),
    );
    expect(series.windows).toEqual([
      {
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-02T00:00:00.000Z',
        layer: 'speed',
        measures: { customers: 3, orders: 5 },
        derived: { orders_per_customer: 5 / 3 },
      },
      {
        start: '2026-03-02T00:00:00.000Z',
        end: '2026-03-03T00:00:00.000Z',
        layer: 'speed',
        measures: { customers: 0, orders: 0 },
        derived: { orders_per_customer: null },
      },
    ]);
  });

  it('are left out of totals, with the reason', async () => {
    const total = JSON.parse(
      await body(
        `/v1/views/test_customers_daily/total?merchant_id=m-1&from=${D0}&to=${D0 + 2 * DAY}`,
      ),
    );
    expect(total).toMatchObject({
      windowsByLayer: { batch: 0, speed: 2, none: 0 },
      measures: { orders: 5 },
      derived: {},
    });
    expect(total.omitted.map((o: { name: string }) => o.name)).toEqual([
      'customers',
      'orders_per_customer',
    ]);
  });
});

describe('a view pinned to batch', () => {
  it('answers nothing after the batch watermark, however fresh speed is', async () => {
    const { client } = store;
    await writeBatchRow(client, {
      view: pinned,
      runId: 'p-1',
      key: KEY,
      windowStartMs: at(0),
      measures: revenue(40n, 2n, 10n, 30n),
    });
    await writeSpeedRow(client, {
      view: pinned,
      key: KEY,
      windowStartMs: at(1),
      kafkaPartition: 0,
      measures: revenue(99n, 9n, 9n, 9n),
    });
    await publishBatchRun(client, {
      viewId: pinned.id,
      version: 1,
      runId: 'p-1',
      watermarkMs: at(1),
    });
    await setBatchPin(client, {
      viewId: pinned.id,
      version: 1,
      pinned: true,
      reason: 'speed and batch diverge',
    });
    const series = JSON.parse(
      await body(`/v1/views/test_revenue_pinned/series?${KEY_QUERY}&from=${at(0)}&to=${at(2)}`),
    );
    expect(series).toMatchObject({
      pinnedToBatch: true,
      pinnedReason: 'speed and batch diverge',
      windows: [
        {
          layer: 'batch',
          measures: { revenue_minor: 40, orders: 2, min_order_minor: 10, max_order_minor: 30 },
          derived: { avg_order_minor: 20 },
        },
        {
          layer: 'none',
          measures: {
            revenue_minor: null,
            orders: null,
            min_order_minor: null,
            max_order_minor: null,
          },
          derived: { avg_order_minor: null },
        },
      ],
    });
    const total = JSON.parse(
      await body(`/v1/views/test_revenue_pinned/total?${KEY_QUERY}&from=${at(0)}&to=${at(2)}`),
    );
    expect(total).toMatchObject({
      windowsByLayer: { batch: 1, speed: 0, none: 1 },
      measures: { revenue_minor: 40, orders: 2, min_order_minor: 10, max_order_minor: 30 },
    });
  });
});

describe('view versions', () => {
  const series = (version?: number) =>
    body(
      `/v1/views/test_revenue_versions/series?${KEY_QUERY}&from=${at(0)}&to=${at(1)}${version ? `&version=${version}` : ''}`,
    ).then(
      (text) =>
        JSON.parse(text) as {
          version: number;
          batchRunId: string | null;
          windows: { layer: string; measures: { revenue_minor: number } }[];
        },
    );
  const summary = (answer: Awaited<ReturnType<typeof series>>) => [
    answer.version,
    answer.batchRunId,
    answer.windows[0]?.layer,
    answer.windows[0]?.measures.revenue_minor,
  ];

  it('switch to a new version only once batch has published it', async () => {
    const { client } = store;
    await writeBatchRow(client, {
      view: versionV1,
      runId: 'v1-r1',
      key: KEY,
      windowStartMs: at(0),
      measures: revenue(111n, 1n, 111n, 111n),
    });
    await publishBatchRun(client, {
      viewId: versionV1.id,
      version: 1,
      runId: 'v1-r1',
      watermarkMs: at(1),
    });
    await writeSpeedRow(client, {
      view: versionV2,
      key: KEY,
      windowStartMs: at(0),
      kafkaPartition: 0,
      measures: revenue(222n, 2n, 100n, 122n),
    });

    expect(summary(await series())).toEqual([1, 'v1-r1', 'batch', 111]);
    expect(summary(await series(2))).toEqual([2, null, 'speed', 222]);

    await writeBatchRow(client, {
      view: versionV2,
      runId: 'v2-r1',
      key: KEY,
      windowStartMs: at(0),
      measures: revenue(333n, 3n, 100n, 133n),
    });
    await publishBatchRun(client, {
      viewId: versionV2.id,
      version: 2,
      runId: 'v2-r1',
      watermarkMs: at(1),
    });

    expect(summary(await series())).toEqual([2, 'v2-r1', 'batch', 333]);
    expect(summary(await series(1))).toEqual([1, 'v1-r1', 'batch', 111]);
  });

  it('answer 404 for a version that is not defined', async () => {
    const res = await serving.get(
      `/v1/views/test_revenue_versions/series?${KEY_QUERY}&from=${at(0)}&to=${at(1)}&version=3`,
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: 'urn:lambda:problem:unknown_version' });
  });
});
