import { defineView } from '../define-view.js';
import { count, sum } from '../measures.js';
import { eq } from '../predicate.js';

export const merchantRefundsHourly = defineView({
  id: 'merchant_refunds_hourly',
  version: 1,
  description: 'Refunded orders and their amount per merchant and currency, hourly.',
  source: { type: 'order', versions: [1, 2] },
  filter: eq('status', 'refunded'),
  key: ['merchant_id', 'currency'],
  window: '1h',
  measures: {
    refunds: count(),
    refunded_minor: sum('amount_minor'),
  },
});
