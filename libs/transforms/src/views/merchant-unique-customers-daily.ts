import { defineView } from '../define-view.js';
import { count, distinct } from '../measures.js';

export const merchantUniqueCustomersDaily = defineView({
  id: 'merchant_unique_customers_daily',
  version: 1,
  description: 'Distinct customers and orders (any status) per merchant, per UTC day.',
  source: { type: 'order', versions: [1, 2] },
  key: ['merchant_id'],
  window: '1d',
  measures: {
    unique_customers: distinct('customer_id'),
    orders: count(),
  },
});
