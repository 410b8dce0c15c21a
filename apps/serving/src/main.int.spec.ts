import { mintApiKey } from '@lambda/auth';
import { startApp, type AppProcess } from '@lambda/testing';
import { merchantRevenueHourly } from '@lambda/transforms';
import { publishBatchRun } from '@lambda/views-store';
import { writeBatchRow } from './test-support/table-rows.js';
import { createTestKeyspace, type TestKeyspace } from './test-support/test-keyspace.js';

const T0 = Date.UTC(2026, 2, 1);
const H = 3_600_000;
const reader = mintApiKey({ id: 'reader', scopes: ['views:read'] });
let store: TestKeyspace;
let app: AppProcess;

beforeAll(async () => {
  store = await createTestKeyspace('main');
  app = await startApp('serving', {
    env: {
      CASSANDRA_KEYSPACE: store.keyspace,
      API_KEYS: JSON.stringify([reader.entry]),
      SERVING_MAX_WINDOWS: '24',
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await store?.drop();
});

const get = (path: string) =>
  fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${reader.token}` } });

describe('serving as a real process', () => {
  it('answers the shipped views from its configured keyspace with its configured limits', async () => {
    await writeBatchRow(store.client, {
      view: merchantRevenueHourly,
      runId: 'run-1',
      key: 'm-1|EUR',
      windowStartMs: T0,
      measures: { revenue_minor: 1234n, completed_orders: 2n },
    });
    await publishBatchRun(store.client, {
      viewId: merchantRevenueHourly.id,
      version: merchantRevenueHourly.version,
      runId: 'run-1',
      watermarkMs: T0 + H,
    });
    const query = `merchant_id=m-1&currency=EUR&from=${T0}&to=${T0 + H}`;
    const res = await get(`/v1/views/merchant_revenue_hourly/series?${query}`);
    expect(res.status).toBe(200);
    // Only what this test wrote: the shipped view's other measures are the view owner's business.
    const [window] = ((await res.json()) as { windows: Record<string, unknown>[] }).windows;
    expect(window).toMatchObject({
      start: '2026-03-01T00:00:00.000Z',
      layer: 'batch',
      measures: { revenue_minor: 1234, completed_orders: 2 },
    });
    const tooLong = await get(
      `/v1/views/merchant_revenue_hourly/series?merchant_id=m-1&currency=EUR&from=${T0}&to=${T0 + 25 * H}`,
    );
    expect(tooLong.status).toBe(400);
    expect((await fetch(`${app.url}/v1/views`)).status).toBe(401);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('lambda_serving_windows_served_total{layer="batch"} 1');
    expect(metrics).toContain('lambda_serving_store_query_duration_seconds_bucket');
  });
});
