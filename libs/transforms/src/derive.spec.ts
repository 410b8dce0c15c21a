import { deriveMeasures, merchantRevenueHourly } from './index.js';

describe('deriveMeasures', () => {
  it('divides at read time', () => {
    expect(
      deriveMeasures(merchantRevenueHourly, { revenue_minor: 1001n, completed_orders: 2n }),
    ).toEqual({
      avg_order_value: 500.5,
    });
  });

  it('gives null instead of dividing by zero or by nothing', () => {
    expect(
      deriveMeasures(merchantRevenueHourly, { revenue_minor: 0n, completed_orders: 0n }),
    ).toEqual({
      avg_order_value: null,
    });
    expect(deriveMeasures(merchantRevenueHourly, {})).toEqual({ avg_order_value: null });
  });
});
