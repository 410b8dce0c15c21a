import { insertRows } from '@lambda/clickhouse';
import { masterTableName, toMasterRow, type ParsedEvent } from '@lambda/schemas';
import { createViewRegistry, orderStatus5m } from '@lambda/transforms';
import { readViewState } from '@lambda/views-store';
import { testRunContext } from '../testing/run-context.js';
import { createTestStores, type TestStores } from '../testing/test-stores.js';
import { dayOldOrderEvents, executorRows, publishedRows } from '../testing/view-rows.js';
import { recomputeAllViews } from './recompute-all.js';

const view = orderStatus5m;
const [twice, beyond, ...rest] = dayOldOrderEvents(13) as [
  ParsedEvent,
  ParsedEvent,
  ...ParsedEvent[],
];

let stores: TestStores;
beforeAll(async () => {
  stores = await createTestStores('index');
});
afterAll(() => stores.drop());

const delivery = (event: ParsedEvent, kafkaPartition: number, kafkaOffset: number) =>
  toMasterRow(event, { kafkaPartition, kafkaOffset, ingestedAtMs: Date.now() });

describe('the delivery index (real ClickHouse and Cassandra)', () => {
  it('is not used for a day whose Kafka offsets do not fit its encoding', async () => {
    // Encoded as partition << 48 | offset, offset 2^48 + 5 of partition 0 would read as offset 5
    // of partition 1: the later delivery of `twice`, which the index excludes.
    await insertRows(stores.clickhouse, masterTableName('order'), [
      delivery(twice, 1, 3),
      delivery(twice, 1, 5),
      delivery(beyond, 0, 2 ** 48 + 5),
      ...rest.map((event, index) => delivery(event, 2, 100 + index)),
    ]);

    const [run] = await recomputeAllViews(
      createViewRegistry([view]),
      testRunContext(stores).context,
    );

    expect(run?.outcome).toMatchObject({ status: 'succeeded' });
    const state = await readViewState(stores.cassandra, view.id, view.version);
    const { runId } = run?.outcome as { runId: string };
    expect(await publishedRows(stores.cassandra, view, runId)).toEqual(
      executorRows(view, [twice, beyond, ...rest], state.batchWatermarkMs!),
    );
  });
});
