import { customersDaily, revenueV1 } from '../test-support/views.js';
import type { ServedWindow } from './merge-windows.js';
import { totalOf } from './range-total.js';

const H = 3_600_000;
const window = (i: number, layer: ServedWindow['layer'], measures: ServedWindow['measures']) => ({
  startMs: i * H,
  endMs: (i + 1) * H,
  layer,
  measures,
});

describe('totalOf', () => {
  it('adds counts and sums, takes the extreme min and max, derives from the totals', () => {
    expect(
      totalOf(revenueV1, [
        window(0, 'batch', {
          revenue_minor: 700n,
          orders: 2n,
          min_order_minor: 200n,
          max_order_minor: 500n,
        }),
        window(1, 'batch', {
          revenue_minor: 0n,
          orders: 0n,
          min_order_minor: null,
          max_order_minor: null,
        }),
        window(2, 'speed', {
          revenue_minor: 450n,
          orders: 4n,
          min_order_minor: 50n,
          max_order_minor: 300n,
        }),
        window(3, 'none', null),
      ]),
    ).toEqual({
      layers: { batch: 2, speed: 1, none: 1 },
      measures: { revenue_minor: 1150n, orders: 6n, min_order_minor: 50n, max_order_minor: 500n },
      derived: { avg_order_minor: 1150 / 6 },
      omitted: [],
    });
  });

  it('leaves min and max null when no window had a value', () => {
    const empty = { revenue_minor: 0n, orders: 0n, min_order_minor: null, max_order_minor: null };
    expect(totalOf(revenueV1, [window(0, 'speed', empty)])).toMatchObject({
      measures: empty,
      derived: { avg_order_minor: null },
    });
  });

  it('omits distinct measures and ratios over them, saying why', () => {
    const total = totalOf(customersDaily, [
      window(0, 'batch', { customers: 3n, orders: 5n }),
      window(1, 'batch', { customers: 2n, orders: 2n }),
    ]);
    expect(total.measures).toEqual({ orders: 7n });
    expect(total.derived).toEqual({});
    expect(total.omitted.map((o) => o.name)).toEqual(['customers', 'orders_per_customer']);
    expect(total.omitted[0]?.reason).toContain('not the sum of their distinct counts');
  });
});
