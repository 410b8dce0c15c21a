import type { OutgoingMessage } from '@lambda/kafka';

export type OrderEvent = Record<string, string | number>;

/** `count` valid order v1 events over 1,000 orders, unique ids under `prefix`. */
export function orderEvents(count: number, prefix: string): OrderEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    event_id: `${prefix}-${i}`,
    type: 'order',
    schema_version: 1,
    occurred_at: new Date(Date.UTC(2024, 4, 1) + i * 1000).toISOString(),
    order_id: `order-${i % 1000}`,
    merchant_id: `merchant-${i % 50}`,
    customer_id: `customer-${i % 5000}`,
    amount_minor: 100 + (i % 10_000),
    currency: 'EUR',
    status: 'created',
  }));
}

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/** What ingest produces for an event, so the bare producer sends the same records. */
export const asRecord = (event: OrderEvent): OutgoingMessage => ({
  key: String(event['order_id']),
  value: JSON.stringify(event),
  headers: {
    'event-type': 'order',
    'schema-version': '1',
    'ingested-at': String(Date.now()),
  },
});
