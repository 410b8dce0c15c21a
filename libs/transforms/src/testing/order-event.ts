import { parseEvent, type ParsedEvent } from '@lambda/schemas';

/** A valid v1 order completed at `occurred_at`; override any field, or pass undefined to omit it. */
export function orderEvent(overrides: Record<string, unknown> = {}): ParsedEvent {
  const document = Object.fromEntries(
    Object.entries({
      event_id: 'evt-1',
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
