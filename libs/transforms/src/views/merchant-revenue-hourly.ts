import { defineView } from '../define-view.js';
import { count, max, min, ratio, sum } from '../measures.js';
import { eq } from '../predicate.js';

export const merchantRevenueHourly = defineView({
  id: 'merchant_revenue_hourly',
  version: 1,
  description: 'Completed order revenue per merchant and currency, hourly.',
  source: { type: 'order', versions: [1, 2] },
  filter: eq('status', 'completed'),
  key: ['merchant_id', 'currency'],
  window: '1h',
  measures: {
    revenue_minor: sum('amount_minor'),
    completed_orders: count(),
    min_order_minor: min('amount_minor'),
    max_order_minor: max('amount_minor'),
  },
  derived: { avg_order_value: ratio('revenue_minor', 'completed_orders') },
});
