import {
  decodeBatchRow,
  decodeLateEvent,
  decodeSpeedPartition,
  decodeSpeedProgress,
  decodeSpeedRow,
  distinctMembers,
  speedWatermarkMs,
} from './index.js';
import { readAcrossBuckets } from './window-range.js';

const HOUR = 3_600_000;

describe('reading the serving tables', () => {
  it('decodes speed rows, reading null maps as empty', () => {
    expect(
      decodeSpeedRow({
        window_start: new Date(HOUR),
        kafka_partition: 3,
        measures: { orders: 2n, max_amount: 9_007_199_254_740_993n },
        distinct_values: { customers: ['c-1', 'c-2'] },
      }),
    ).toEqual({
      windowStartMs: HOUR,
      kafkaPartition: 3,
      measures: { orders: 2n, max_amount: 9_007_199_254_740_993n },
      distinctValues: { customers: ['c-1', 'c-2'] },
    });
    expect(
      decodeSpeedRow({
        window_start: new Date(0),
        kafka_partition: 0,
        measures: null,
        distinct_values: null,
      }),
    ).toEqual({ windowStartMs: 0, kafkaPartition: 0, measures: {}, distinctValues: {} });
  });

  it('decodes distinct members, united with the distinct values of rows written before them', () => {
    const row = (columns: Record<string, unknown>) =>
      decodeSpeedRow({ window_start: new Date(0), kafka_partition: 0, measures: null, ...columns });
    expect(
      row({ distinct_members: distinctMembers({ customers: ['c-1', 'c\u00002'], shops: ['s-1'] }) })
        .distinctValues,
    ).toEqual({ customers: ['c-1', 'c\u00002'], shops: ['s-1'] });
    expect(
      row({
        distinct_values: { customers: ['c-1', 'c-2'] },
        distinct_members: distinctMembers({ customers: ['c-2', 'c-3'] }),
      }).distinctValues,
    ).toEqual({ customers: ['c-1', 'c-2', 'c-3'] });
  });

  it('decodes batch rows', () => {
    expect(decodeBatchRow({ window_start: new Date(HOUR), measures: { orders: 5n } })).toEqual({
      windowStartMs: HOUR,
      measures: { orders: 5n },
    });
  });

  it('decodes late events and speed partitions', () => {
    expect(
      decodeLateEvent({ window_start: new Date(HOUR), kafka_partition: 2, event_id: 'e-1' }),
    ).toEqual({ windowStartMs: HOUR, kafkaPartition: 2, eventId: 'e-1' });
    expect(decodeSpeedPartition({ view_id: 'v', version: 3, key: 'm-1|EUR', bucket: 7n })).toEqual({
      viewId: 'v',
      version: 3,
      key: 'm-1|EUR',
      bucket: 7,
    });
  });

  it('takes the slowest reporting partition as the speed watermark', () => {
    const progress = [
      {
        kafka_partition: 0,
        watermark: new Date(5 * HOUR),
        max_offset: 10n,
        updated_at: new Date(6 * HOUR),
      },
      {
        kafka_partition: 1,
        watermark: new Date(4 * HOUR),
        max_offset: 3n,
        max_window_start: new Date(3 * HOUR),
        updated_at: null,
      },
      { kafka_partition: 2, watermark: null, max_offset: null, updated_at: null },
    ].map(decodeSpeedProgress);
    expect(progress[1]).toEqual({
      kafkaPartition: 1,
      watermarkMs: 4 * HOUR,
      maxOffset: 3n,
      maxWindowStartMs: 3 * HOUR,
      updatedAtMs: null,
    });
    expect(progress[2]?.maxWindowStartMs).toBeNull();
    expect(speedWatermarkMs(progress)).toBe(4 * HOUR);
    expect(speedWatermarkMs([])).toBeNull();
  });

  it('reads a range spanning buckets bucket by bucket, in window order', async () => {
    const span = 256 * HOUR;
    const reads: [bigint, number, number][] = [];
    const rows = await readAcrossBuckets(
      { viewId: 'v', version: 1, key: 'k', windowMs: HOUR, fromMs: span - HOUR, toMs: span + HOUR },
      async (bucket, fromMs, toMs) => {
        reads.push([bucket, fromMs, toMs]);
        return [Number(bucket)];
      },
    );
    expect(reads).toEqual([
      [0n, span - HOUR, span + HOUR],
      [1n, span - HOUR, span + HOUR],
    ]);
    expect(rows).toEqual([0, 1]);
  });
});
