import { parseEvent, type ParsedEvent } from '@lambda/schemas';
import { count, defineView, distinct, eq, max, min, sum } from '@lambda/transforms';

/** A valid v1 order; override any field, or pass undefined to omit it. */
export function orderEvent(overrides: Record<string, unknown> = {}): ParsedEvent {
  const document = Object.fromEntries(
    Object.entries({
      event_id: 'e-1',
      type: 'order',
      schema_version: 1,
      occurred_at: '2026-11-22T10:00:00.000Z',
      order_id: 'o-1',
      merchant_id: 'm-1',
      customer_id: 'c-1',
      amount_minor: 1000,
      currency: 'EUR',
      status: 'completed',
      ...overrides,
    }).filter(([, value]) => value !== undefined),
  );
  const result = parseEvent(document);
  if (!result.ok) throw new Error(`invalid test event: ${JSON.stringify(result.issues)}`);
  return result.event;
}

/** A test-only view with one measure of every kind, over completed orders. */
export const everyKind = defineView({
  id: 'test_every_kind',
  version: 1,
  description: 'One measure of each kind over completed orders (test).',
  source: { type: 'order', versions: [1, 2] },
  filter: eq('status', 'completed'),
  key: ['merchant_id'],
  window: '1h',
  measures: {
    orders: count(),
    revenue_minor: sum('amount_minor'),
    smallest: min('amount_minor'),
    largest: max('amount_minor'),
    customers: distinct('customer_id'),
  },
});
