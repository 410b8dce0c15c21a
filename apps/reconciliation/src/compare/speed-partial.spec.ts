import { finalizeWindow } from '@lambda/transforms';
import { everyKind } from '../testing/order-event.js';
import { mergeSpeedRows } from './speed-partial.js';

const HOUR = 3_600_000;

describe('mergeSpeedRows', () => {
  it('merges the Kafka partitions of a window as serving does', () => {
    const windows = mergeSpeedRows(everyKind, 'm-1', [
      {
        windowStartMs: HOUR,
        kafkaPartition: 0,
        measures: { orders: 2n, revenue_minor: 30n, smallest: 10n, largest: 20n },
        distinctValues: { customers: ['c-1', 'c-2'] },
      },
      {
        windowStartMs: HOUR,
        kafkaPartition: 1,
        measures: { orders: 1n, revenue_minor: -5n, smallest: -5n, largest: -5n },
        distinctValues: { customers: ['c-2', 'c-3'] },
      },
      {
        windowStartMs: 2 * HOUR,
        kafkaPartition: 0,
        measures: { orders: 1n, revenue_minor: 0n },
        distinctValues: {},
      },
    ]);
    expect(finalizeWindow(windows.get(HOUR)!).measures).toEqual({
      orders: 3n,
      revenue_minor: 25n,
      smallest: -5n,
      largest: 20n,
      customers: 3n,
    });
    expect(finalizeWindow(windows.get(2 * HOUR)!).measures).toEqual({
      orders: 1n,
      revenue_minor: 0n,
      smallest: null,
      largest: null,
      customers: 0n,
    });
  });
});
