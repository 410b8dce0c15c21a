import { queryRows } from '@lambda/clickhouse';
import { createEventProducer } from '@lambda/kafka';
import { masterTableName } from '@lambda/schemas';
import {
  batchOracle,
  documentsOf,
  eventually,
  generateOrderStream,
  produceItems,
  readLog,
  startApp,
  waitForGroupCaughtUp,
  type AppProcess,
} from '@lambda/testing';
import { merchantRevenueHourly, shippedViews } from '@lambda/transforms';
import { readViewState } from '@lambda/views-store';
import { createTestStores, type TestStores } from './testing/test-stores.js';
import { archiveEvents, executorRows, parsedEvents, publishedRows } from './testing/view-rows.js';

const HOUR = 3_600_000;
const items = generateOrderStream({
  seed: 11,
  count: 6_000,
  startMs: Date.now() - 48 * HOUR,
  stepMs: 25_000,
  duplicateRate: 0.05,
  lateRate: 0.03,
  malformedRate: 0.005,
});
const documents = documentsOf(items);
const events = parsedEvents(documents);
const [firstHalf, secondHalf] = [items.slice(0, 3_000), items.slice(3_000)];

let stores: TestStores;
let env: Record<string, string>;
beforeAll(async () => {
  stores = await createTestStores('process');
  env = {
    ...stores.env,
    BATCH_ARCHIVE_MAX_ROWS: '400',
    BATCH_ARCHIVE_MAX_WAIT_MS: '100',
    BATCH_ARCHIVE_SESSION_TIMEOUT_MS: '6000',
    BATCH_SETTLE_DELAY_MS: String(HOUR),
  };
});
afterAll(() => stores.drop());

const master = async <T>(select: string) =>
  (await queryRows<T>(stores.clickhouse, `${select} FROM ${masterTableName('order')}`))[0]!;

describe('batch as real processes (real Kafka, ClickHouse, Cassandra)', () => {
  it('archives a stream with 5% duplicates, losing nothing to a SIGKILL mid-stream', async () => {
    await produceItems(stores.kafka, stores.topics.events, firstHalf);
    let archiver: AppProcess = await startApp('batch', { args: ['archive'], env });
    await eventually(
      async () => Number((await master<{ n: string }>('SELECT count() AS n')).n) > 0,
    );
    const producing = produceItems(stores.kafka, stores.topics.events, secondHalf, {
      chunk: 200,
      eventsPerSecond: 2_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    archiver.process.kill('SIGKILL');
    expect(await archiver.exited).toBeNull();
    const atKill = await master<{ n: string }>(
      'SELECT uniqExact(kafka_partition, kafka_offset) AS n',
    );
    expect(Number(atKill.n)).toBeLessThan(documents.length);
    await producing;

    archiver = await startApp('batch', { args: ['archive'], env });
    await waitForGroupCaughtUp(stores.kafka, env['BATCH_ARCHIVE_GROUP_ID']!, stores.topics.events);
    expect(await archiver.stop('SIGTERM')).toBe(0);

    const landed = await master<{ deliveries: string; events: string }>(
      'SELECT uniqExact(kafka_partition, kafka_offset) AS deliveries, uniqExact(event_id) AS events',
    );
    expect(Number(landed.deliveries)).toBe(documents.length);
    expect(Number(landed.events)).toBe(new Set(documents.map((d) => d.event_id)).size);

    const dlq = (await readLog(stores.kafka, stores.topics.dlq)).map((entry) => entry.document);
    const malformed = items.filter((item) => item.kind === 'malformed').length;
    expect(new Set(dlq.map((d) => `${d['partition']}/${d['offset']}`)).size).toBe(malformed);
    expect(dlq.every((d) => d['source'] === 'batch-archive')).toBe(true);
  });

  it('recomputes every shipped view once and exits, publishing what the speed executor and the oracle compute', async () => {
    const recompute = await startApp('batch', { args: ['recompute'], env });
    expect(await recompute.exited).toBe(0);

    const oracle = batchOracle(documents);
    for (const view of shippedViews.views) {
      const state = await readViewState(stores.cassandra, view.id, view.version);
      const published = await publishedRows(stores.cassandra, view, state.batchRunId!);
      expect(published).toEqual(executorRows(view, events, state.batchWatermarkMs!));
      for (const row of published)
        expect(row.measures).toEqual(
          oracle.get(`${view.id}@${view.version}|${row.key}|${row.windowStartMs}`),
        );
    }
    const announced = (await readLog(stores.kafka, stores.topics.control)).map(
      (entry) => entry.document,
    );
    expect(announced.map((m) => [m['type'], m['viewId']]).sort()).toEqual(
      shippedViews.views.map((view) => ['batch_run_completed', view.id]).sort(),
    );
  });

  it('serves a targeted recompute requested on the control topic', async () => {
    const view = merchantRevenueHourly;
    const state = await readViewState(stores.cassandra, view.id, view.version);
    const [target] = await publishedRows(stores.cassandra, view, state.batchRunId!);
    const [merchant, currency] = target!.key.split('|');
    const late = parsedEvents([
      {
        ...documents[0],
        event_id: 'late-refund-fix',
        occurred_at: new Date(target!.windowStartMs).toISOString(),
        merchant_id: merchant,
        currency,
        status: 'completed',
        amount_minor: 1,
      },
    ]);
    await archiveEvents(stores.clickhouse, late, { firstOffset: 10_000_000 });

    const serving = await startApp('batch', { args: ['serve'], env });
    const producer = createEventProducer(stores.kafka);
    await producer.connect();
    const request = {
      type: 'recompute_requested',
      viewId: view.id,
      version: view.version,
      fromMs: target!.windowStartMs,
      toMs: target!.windowStartMs + HOUR,
      key: target!.key,
    };
    await producer.send(stores.topics.control, [{ key: view.id, value: JSON.stringify(request) }]);
    await producer.disconnect();

    await eventually(
      async () => {
        const [row] = await publishedRows(stores.cassandra, view, state.batchRunId!);
        return row?.measures['completed_orders'] === target!.measures['completed_orders']! + 1n;
      },
      { timeoutMs: 60_000 },
    );
    const [repaired] = await publishedRows(stores.cassandra, view, state.batchRunId!);
    expect(repaired!.measures['revenue_minor']).toBe(target!.measures['revenue_minor']! + 1n);
    expect(await readViewState(stores.cassandra, view.id, view.version)).toEqual(state);
    expect(await serving.stop('SIGTERM')).toBe(0);
  });
});
