import { z } from 'zod';
import { createViewRegistry } from '@lambda/transforms';
import { publishBatchRun } from '@lambda/views-store';
import { startServing, type ServingUnderTest } from './test-support/start-serving.js';
import { writeBatchRow, writeSpeedProgress, writeSpeedRow } from './test-support/table-rows.js';
import { createTestKeyspace, type TestKeyspace } from './test-support/test-keyspace.js';
import { revenueView, statusGlobal } from './test-support/views.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 1);
const at = (hours: number) => T0 + hours * H;

const revenue = revenueView('test_revenue_api', 1);
const revenueNext = revenueView('test_revenue_api', 2);
const registry = createViewRegistry([revenue, revenueNext, statusGlobal]);
const KEY = 'merchant_id=m-1&currency=EUR';
const seriesPath = (query: string) => `/v1/views/test_revenue_api/series?${query}`;

let store: TestKeyspace;
let serving: ServingUnderTest;

beforeAll(async () => {
  store = await createTestKeyspace('api');
  serving = await startServing({ client: store.client, registry, maxWindows: 48 });
  const measures = { revenue_minor: 10n, orders: 1n, min_order_minor: 10n, max_order_minor: 10n };
  await writeBatchRow(store.client, {
    view: revenue,
    runId: 'r-1',
    key: 'm-1|EUR',
    windowStartMs: at(0),
    measures,
  });
  await publishBatchRun(store.client, {
    viewId: revenue.id,
    version: 1,
    runId: 'r-1',
    watermarkMs: at(2),
  });
  await writeSpeedRow(store.client, {
    view: revenue,
    key: 'm-1|EUR',
    windowStartMs: at(2),
    kafkaPartition: 0,
    measures,
  });
});

afterAll(async () => {
  await serving?.close();
  await store?.drop();
});

describe('the view catalog', () => {
  it('lists every view with its versions, key fields, measures, window and watermarks', async () => {
    const res = await serving.get('/v1/views');
    expect(res.status).toBe(200);
    const catalog = (await res.json()) as {
      speedWatermark: string | null;
      views: { id: string }[];
    };
    expect(catalog.speedWatermark).toBeNull();
    expect(catalog.views.find((view) => view.id === 'test_revenue_api')).toEqual({
      id: 'test_revenue_api',
      defaultVersion: 1,
      versions: [1, 2].map((version) => ({
        version,
        description: 'Completed order revenue per merchant and currency, hourly (test).',
        window: '1h',
        windowMs: 3_600_000,
        keyFields: ['merchant_id', 'currency'],
        measures: {
          revenue_minor: { kind: 'sum' },
          orders: { kind: 'count' },
          min_order_minor: { kind: 'min' },
          max_order_minor: { kind: 'max' },
        },
        derived: {
          avg_order_minor: { kind: 'ratio', numerator: 'revenue_minor', denominator: 'orders' },
        },
        batchRunId: version === 1 ? 'r-1' : null,
        batchWatermark: version === 1 ? '2026-03-01T02:00:00.000Z' : null,
        pinnedToBatch: false,
        pinnedReason: null,
      })),
    });
  });

  it('serves a view without key fields without key parameters', async () => {
    const res = await serving.get(`/v1/views/test_orders_5m/series?from=${T0}&to=${T0 + 600_000}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { key: object; windows: unknown[] }).windows).toHaveLength(2);
  });
});

describe('validation', () => {
  it.each([
    ['/v1/views/nope/series?from=0&to=3600000', 404, 'unknown_view'],
    [seriesPath(`${KEY}&from=${at(0)}&to=${at(1)}&version=9`), 404, 'unknown_version'],
    [seriesPath(`${KEY}&from=${at(0) + 60_000}&to=${at(1)}`), 400, 'unaligned_range'],
    [seriesPath(`${KEY}&from=${at(2)}&to=${at(1)}`), 400, 'invalid_range'],
    [seriesPath(`${KEY}&from=${at(0)}&to=${at(49)}`), 400, 'range_too_large'],
    [seriesPath(`${KEY}&from=yesterday&to=${at(1)}`), 400, 'invalid_instant'],
    [seriesPath(`merchant_id=m-1&from=${at(0)}&to=${at(1)}`), 400, 'missing_key'],
    [seriesPath(`${KEY}&shop=s&from=${at(0)}&to=${at(1)}`), 400, 'unknown_parameter'],
    [seriesPath(`${KEY}&from=${at(0)}&from=${at(1)}&to=${at(2)}`), 400, 'repeated_parameter'],
    [seriesPath(`${KEY}&to=${at(1)}`), 400, 'missing_parameter'],
  ])('%s → %i %s', async (path, status, code) => {
    const res = await serving.get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ type: `urn:lambda:problem:${code}`, status });
  });

  it('names the window size when a bound is unaligned', async () => {
    const res = await serving.get(seriesPath(`${KEY}&from=2026-03-01T00:30:00Z&to=${at(1)}`));
    expect(await res.json()).toMatchObject({
      detail:
        'from (2026-03-01T00:30:00.000Z) is not on a window boundary: view test_revenue_api has 1h windows (3600000 ms), starting at multiples of 3600000 ms since the epoch (UTC).',
      windowMs: 3_600_000,
    });
  });
});

describe('API keys', () => {
  const path = seriesPath(`${KEY}&from=${at(0)}&to=${at(1)}`);

  it('refuses requests without a key (401) or without views:read (403)', async () => {
    expect((await fetch(`${serving.url}${path}`)).status).toBe(401);
    const wrongScope = await serving.get(path, {
      authorization: `Bearer ${serving.tokens.writer}`,
    });
    expect(wrongScope.status).toBe(403);
    expect(await wrongScope.json()).toMatchObject({ scope: 'views:read' });
  });

  it('limits each key to its rate with 429 and Retry-After', async () => {
    const slow = { authorization: `Bearer ${serving.tokens.slow}` };
    expect((await serving.get(path, slow)).status).toBe(200);
    const limited = await serving.get(path, slow);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });

  it('leaves /openapi.json open', async () => {
    expect((await fetch(`${serving.url}/openapi.json`)).status).toBe(200);
  });
});

describe('caching', () => {
  it('lets clients reuse settled answers for a minute and revalidate them until the next run', async () => {
    const path = seriesPath(`${KEY}&from=${at(0)}&to=${at(2)}`);
    const first = await serving.get(path);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, max-age=60');
    const again = await serving.get(path, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    await writeBatchRow(store.client, {
      view: revenue,
      runId: 'r-2',
      key: 'm-1|EUR',
      windowStartMs: at(0),
      measures: { revenue_minor: 20n, orders: 2n },
    });
    await publishBatchRun(store.client, {
      viewId: revenue.id,
      version: 1,
      runId: 'r-2',
      watermarkMs: at(2),
    });
    const afterRun = await serving.get(path, { 'if-none-match': etag });
    expect(afterRun.status).toBe(200);
    expect(afterRun.headers.get('etag')).not.toBe(etag);
    expect(JSON.parse(await afterRun.text()).windows[0].measures.revenue_minor).toBe(20);
  });

  it('gives answers with speed windows a short max-age and a new validator when a number moves', async () => {
    const path = seriesPath(`${KEY}&from=${at(2)}&to=${at(3)}`);
    const first = await serving.get(path);
    const etag = first.headers.get('etag') as string;
    expect(first.headers.get('cache-control')).toBe('private, max-age=5');
    // The speed layer moving on, without a new number for this window, is no change.
    await writeSpeedProgress(store.client, 0, at(2) + 60_000);
    expect((await serving.get(path, { 'if-none-match': etag })).status).toBe(304);
    await writeSpeedRow(store.client, {
      view: revenue,
      key: 'm-1|EUR',
      windowStartMs: at(2),
      kafkaPartition: 1,
      measures: { revenue_minor: 5n, orders: 1n },
    });
    const changed = await serving.get(path, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(JSON.parse(await changed.text())).toMatchObject({
      speedWatermark: '2026-03-01T02:01:00.000Z',
      windows: [{ layer: 'speed', measures: { revenue_minor: 15, orders: 2 } }],
    });
  });
});

describe('OpenAPI', () => {
  type Document = {
    openapi: string;
    paths: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
  };
  let document: Document;
  // zod resolves only #/$defs references, so the document's component references are rewritten.
  const schemaOf = (name: string) => {
    const defs = JSON.parse(
      JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    );
    return z.fromJSONSchema({ $ref: `#/$defs/${name}`, $defs: defs });
  };
  const check = async (name: string, path: string) => {
    const res = await serving.get(path);
    const result = schemaOf(name).safeParse(await res.json());
    expect(result.error?.issues ?? []).toEqual([]);
  };

  beforeAll(async () => {
    document = (await (await fetch(`${serving.url}/openapi.json`)).json()) as Document;
  });

  it('is OpenAPI 3.1 with the three read paths', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/views', '/v1/views/{view}/series', '/v1/views/{view}/total']),
    );
  });

  it('describes the answers the API gives', async () => {
    await check('Catalog', '/v1/views');
    await check('Series', seriesPath(`${KEY}&from=${at(0)}&to=${at(4)}`));
    await check(
      'Total',
      seriesPath(`${KEY}&from=${at(0)}&to=${at(4)}`).replace('/series', '/total'),
    );
    await check('Problem', seriesPath(`${KEY}&from=${at(1)}&to=${at(0)}`));
  });

  it('rejects an answer that strays from it', () => {
    expect(
      schemaOf('Window').safeParse({
        start: 'x',
        end: 'y',
        layer: 'cache',
        measures: {},
        derived: {},
      }).success,
    ).toBe(false);
  });
});

describe('metrics', () => {
  it('time store reads per table and count windows per layer', async () => {
    const text = await (await fetch(`${serving.url}/metrics`)).text();
    for (const table of ['view_state', 'speed_progress', 'batch_view', 'speed_view'])
      expect(text).toMatch(
        new RegExp(`lambda_serving_store_query_duration_seconds_count\\{table="${table}"\\} [1-9]`),
      );
    expect(text).toMatch(/lambda_serving_windows_served_total\{layer="batch"\} [1-9]/);
    expect(text).toMatch(/lambda_serving_windows_served_total\{layer="speed"\} [1-9]/);
    expect(text).toContain('lambda_serving_windows_served_total{layer="none"} 0');
    expect(text).toMatch(
      /lambda_serving_http_request_duration_seconds_count\{route="\/v1\/views\/:view\/series",method="GET",status="200"\} [1-9]/,
    );
  });
});
