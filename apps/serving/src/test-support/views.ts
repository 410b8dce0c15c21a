import { count, defineView, distinct, max, min, ratio, sum } from '@lambda/transforms';

/**
 * Test-only views with every measure kind, independent of the shipped ones (which may change):
 * hourly revenue (under several ids, so integration cases keep their own view state), a daily
 * distinct count, and a view without key fields.
 */
const revenue = {
  description: 'Completed order revenue per merchant and currency, hourly (test).',
  source: { type: 'order', versions: [1, 2] },
  key: ['merchant_id', 'currency'],
  window: '1h',
  measures: {
    revenue_minor: sum('amount_minor'),
    orders: count(),
    min_order_minor: min('amount_minor'),
    max_order_minor: max('amount_minor'),
  },
  derived: { avg_order_minor: ratio('revenue_minor', 'orders') },
} as const;

export const revenueView = (id: string, version: number) => defineView({ ...revenue, id, version });

export const revenueV1 = revenueView('test_revenue_hourly', 1);
export const revenueV2 = revenueView('test_revenue_hourly', 2);

export const customersDaily = defineView({
  id: 'test_customers_daily',
  version: 1,
  description: 'Distinct customers and orders per merchant, daily (test).',
  source: { type: 'order', versions: [1, 2] },
  key: ['merchant_id'],
  window: '1d',
  measures: { customers: distinct('customer_id'), orders: count() },
  derived: { orders_per_customer: ratio('orders', 'customers') },
});

export const statusGlobal = defineView({
  id: 'test_orders_5m',
  version: 1,
  description: 'Orders across all merchants, every 5 minutes (test).',
  source: { type: 'order', versions: [1, 2] },
  key: [],
  window: '5m',
  measures: { orders: count() },
});

export const everyKind = defineView({
  id: 'test_every_kind',
  version: 1,
  description: 'One measure of each kind (test).',
  source: { type: 'order', versions: [1, 2] },
  key: ['merchant_id'],
  window: '1h',
  measures: {
    orders: count(),
    revenue_minor: sum('amount_minor'),
    min_order_minor: min('amount_minor'),
    max_order_minor: max('amount_minor'),
    customers: distinct('customer_id'),
  },
});
