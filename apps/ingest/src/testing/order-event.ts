let sequence = 0;

/** A valid `order` v1 event with a unique event_id; fields can be overridden or removed (undefined). */
export function orderEvent(
  overrides: Record<string, unknown> = {},
  idPrefix = 'spec',
): Record<string, unknown> {
  sequence += 1;
  return {
    event_id: `${idPrefix}-${process.pid}-${sequence}`,
    type: 'order',
    schema_version: 1,
    occurred_at: '2024-05-01T10:00:00.000Z',
    order_id: `order-${sequence % 7}`,
    merchant_id: 'merchant-1',
    customer_id: 'customer-1',
    amount_minor: 1250,
    currency: 'EUR',
    status: 'created',
    ...overrides,
  };
}
