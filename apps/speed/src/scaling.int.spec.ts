import {
  eventually,
  generateOrderStream,
  produceItems,
  readLog,
  speedOracle,
  waitForGroupCaughtUp,
} from '@lambda/testing';
import { readSpeedProgress } from '@lambda/views-store';
import { createSpeedFixture } from './testing/speed-fixture.js';

const assigned = (line: Record<string, unknown>) => line['msg'] === 'partitions assigned';

describe('speed layer: scaling out, shutdown and poison messages (real Kafka and Cassandra)', () => {
  let fixture: Awaited<ReturnType<typeof createSpeedFixture>>;
  beforeAll(async () => {
    fixture = await createSpeedFixture('scale');
  });
  afterAll(() => fixture.dispose());

  it('keeps exact totals when a second instance joins mid-stream and the first leaves', async () => {
    const items = generateOrderStream({
      seed: 7,
      count: 40_000,
      startMs: Date.UTC(2026, 1, 1),
      stepMs: 2000,
      duplicateRate: 0.05,
      lateRate: 0.05,
    });
    const first = await fixture.startSpeed();
    const producing = produceItems(fixture.kafka, fixture.topic, items, {
      eventsPerSecond: 4000,
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Joining forces a rebalance: the partitions are shared between the two.
    const second = await fixture.startSpeed();
    await eventually(async () => second.logs.some(assigned), { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Leaving forces another: the second takes back partitions it held before, moved on by the first.
    expect(await first.stop('SIGTERM')).toBe(0);
    await producing;
    await waitForGroupCaughtUp(fixture.kafka, fixture.groupId, fixture.topic, 300_000);
    expect(await second.stop()).toBe(0);

    const expected = speedOracle(
      await readLog(fixture.kafka, fixture.topic),
      fixture.allowedLatenessMs,
    );
    expect(Object.fromEntries(await fixture.storedPartials())).toEqual(
      Object.fromEntries(expected.partials),
    );
    expect(Object.fromEntries(await fixture.storedLateEvents())).toEqual(
      Object.fromEntries(expected.late),
    );
  });

  it('on SIGTERM finishes the batch in hand, commits exactly what it wrote and leaves the group', async () => {
    const own = await createSpeedFixture('shutdown');
    try {
      const items = generateOrderStream({
        seed: 8,
        count: 60_000,
        startMs: Date.UTC(2026, 2, 1),
        stepMs: 1000,
      });
      await produceItems(own.kafka, own.topic, items);
      const speed = await own.startSpeed();
      await eventually(async () => (await own.committedOffsets()).size > 0, {
        timeoutMs: 60_000,
        intervalMs: 100,
      });
      expect(await speed.stop('SIGTERM')).toBe(0);

      // Stopped mid-stream, and every partition committed right after what it wrote: the batches
      // in hand when the signal came were finished, written and committed.
      const committed = await own.committedOffsets();
      const total = [...committed.values()].reduce((a, b) => a + b, 0n);
      expect(total).toBeLessThan(BigInt(items.length));
      const progress = await readSpeedProgress(own.cassandra);
      expect(Object.fromEntries(committed)).toEqual(
        Object.fromEntries(progress.map((p) => [p.kafkaPartition, (p.maxOffset ?? -1n) + 1n])),
      );
      expect(await own.groupMembers()).toBe(0);
    } finally {
      await own.dispose();
    }
  });

  it('sends an unparseable message to the DLQ and keeps the partition moving', async () => {
    const producer = fixture.kafka.producer();
    await producer.connect();
    const valid = {
      event_id: `after-poison-${Date.now()}`,
      type: 'order',
      schema_version: 1,
      occurred_at: '2026-03-01T10:00:00.000Z',
      order_id: 'poison-order',
      merchant_id: 'poison-merchant',
      customer_id: 'c-1',
      amount_minor: 1234,
      currency: 'EUR',
      status: 'completed',
    };
    await producer.send({
      topic: fixture.topic,
      messages: [
        { key: 'poison-order', value: Buffer.from([0xff, 0x00, 0x7b, 0x22]) },
        { key: 'poison-order', value: JSON.stringify(valid) },
      ],
    });
    await producer.disconnect();

    const speed = await fixture.startSpeed();
    await waitForGroupCaughtUp(fixture.kafka, fixture.groupId, fixture.topic, 300_000);
    await speed.stop();

    const deadLetters = (await readLog(fixture.kafka, fixture.dlqTopic)).map((m) => m.document);
    expect(deadLetters).toEqual([
      expect.objectContaining({ source: 'speed', reason: 'malformed_json', topic: fixture.topic }),
    ]);
    const revenue = await fixture.cassandra.execute(
      "SELECT measures FROM speed_view WHERE view_id = 'merchant_revenue_hourly' AND version = 1 AND key = 'poison-merchant|EUR' AND bucket = ?",
      [BigInt(Math.floor(Date.UTC(2026, 2, 1, 10) / (3_600_000 * 256)))],
    );
    expect(revenue.rows.map((r) => r['measures']['revenue_minor'])).toEqual([1234n]);
  });
});
