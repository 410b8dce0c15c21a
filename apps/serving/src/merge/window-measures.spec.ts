import fc from 'fast-check';
import {
  EventIdSet,
  finalizeMeasures,
  mergePartials,
  type MeasureState,
  type WindowPartial,
} from '@lambda/transforms';
import type { SpeedRow } from '@lambda/views-store';
import { everyKind } from '../test-support/views.js';
import { speedMeasures } from './window-measures.js';

/** A stored speed row read back as the speed layer's own partial state. */
function partialOf(row: SpeedRow): WindowPartial {
  const value = (name: string) => row.measures[name];
  const measures: Record<string, MeasureState> = {
    orders: { kind: 'count', value: value('orders') ?? 0n },
    revenue_minor: { kind: 'sum', value: value('revenue_minor') ?? 0n },
    min_order_minor: { kind: 'min', value: value('min_order_minor') ?? null },
    max_order_minor: { kind: 'max', value: value('max_order_minor') ?? null },
    customers: { kind: 'distinct', values: new Set(row.distinctValues['customers'] ?? []) },
  };
  return { key: 'k', windowStartMs: 0, measures, eventIds: new EventIdSet(), lateDropped: 0 };
}

const big = fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n });
const speedRow = fc.record({
  windowStartMs: fc.constant(0),
  kafkaPartition: fc.nat(11),
  measures: fc.record(
    {
      orders: fc.bigInt({ min: 0n, max: 2n ** 40n }),
      revenue_minor: big,
      min_order_minor: big,
      max_order_minor: big,
    },
    { requiredKeys: ['orders', 'revenue_minor'] },
  ),
  distinctValues: fc.record(
    { customers: fc.array(fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4', 'c-5'), { maxLength: 5 }) },
    { requiredKeys: [] },
  ),
});

describe('speedMeasures', () => {
  it('merges partition rows exactly as the speed layer’s mergePartials does', () => {
    fc.assert(
      fc.property(fc.array(speedRow, { minLength: 1, maxLength: 8 }), (rows) => {
        const expected = finalizeMeasures(rows.map(partialOf).reduce(mergePartials).measures);
        expect(speedMeasures(everyKind, rows)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
