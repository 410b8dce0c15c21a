import { defineView } from '../define-view.js';
import { count } from '../measures.js';
import { eq } from '../predicate.js';

export const orderStatus5m = defineView({
  id: 'order_status_5m',
  version: 1,
  description: 'Orders per status across all merchants, every 5 minutes.',
  source: { type: 'order', versions: [1, 2] },
  key: [],
  window: '5m',
  measures: {
    created: count({ where: eq('status', 'created') }),
    completed: count({ where: eq('status', 'completed') }),
    cancelled: count({ where: eq('status', 'cancelled') }),
    refunded: count({ where: eq('status', 'refunded') }),
  },
});
