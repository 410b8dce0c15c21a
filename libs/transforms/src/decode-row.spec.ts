import { decodeViewRow, merchantRevenueHourly } from './index.js';

describe('decodeViewRow', () => {
  it('turns ClickHouse JSON (64-bit integers as strings) into exact bigints', () => {
    const row = {
      key: 'm-1|EUR',
      window_start_ms: '1795341600000',
      revenue_minor: '-18014398509481982',
      completed_orders: '2',
      min_order_minor: '-9007199254740991',
      max_order_minor: null,
    };
    expect(decodeViewRow(merchantRevenueHourly, row)).toEqual({
      key: 'm-1|EUR',
      windowStartMs: 1795341600000,
      measures: {
        revenue_minor: -18014398509481982n,
        completed_orders: 2n,
        min_order_minor: -9007199254740991n,
        max_order_minor: null,
      },
    });
  });

  it.each([
    [{ revenue_minor: null }, 'revenue_minor'],
    [{ completed_orders: '1.5' }, 'completed_orders'],
    [{ key: 7 }, 'key'],
    [{ window_start_ms: undefined }, 'window_start_ms'],
  ])('refuses a malformed row %j', (change, column) => {
    const row = {
      key: 'k',
      window_start_ms: '0',
      revenue_minor: '0',
      completed_orders: '0',
      min_order_minor: null,
      max_order_minor: null,
    };
    expect(() => decodeViewRow(merchantRevenueHourly, { ...row, ...change })).toThrow(
      `has no valid ${column}`,
    );
  });
});
