import type { ConsumedMessage } from '@lambda/kafka';
import { decodeDelivery, ingestedAtMs } from './decode-delivery.js';

const order = {
  event_id: 'e-1',
  type: 'order',
  schema_version: 1,
  occurred_at: '2026-01-10T12:00:00.250Z',
  order_id: 'o-1',
  merchant_id: 'm-1',
  customer_id: 'c-1',
  amount_minor: 1250,
  currency: 'EUR',
  status: 'completed',
};

const message = (
  value: string | null,
  headers: ConsumedMessage['headers'] = {},
): ConsumedMessage => ({
  topic: 'events.raw.v1',
  partition: 2,
  offset: '41',
  key: 'o-1',
  value: value === null ? null : Buffer.from(value),
  headers,
  timestampMs: 1_700_000_000_000,
});

describe('decodeDelivery', () => {
  it('turns a valid event into a master row carrying its Kafka coordinates', () => {
    const delivery = decodeDelivery(
      message(JSON.stringify(order), { 'ingested-at': Buffer.from('1768046400300') }),
    );
    expect(delivery).toEqual({
      ok: true,
      table: 'events_order',
      row: expect.objectContaining({
        event_id: 'e-1',
        occurred_at_ms: Date.UTC(2026, 0, 10, 12, 0, 0, 250),
        amount_minor: 1250,
        coupon_code: null,
        loyalty_tier: null,
        kafka_partition: 2,
        kafka_offset: 41,
        ingested_at_ms: 1768046400300,
      }),
    });
  });

  it('falls back to the Kafka timestamp without a usable ingested-at header', () => {
    expect(ingestedAtMs(message('{}'))).toBe(1_700_000_000_000);
    expect(ingestedAtMs(message('{}', { 'ingested-at': 'soon' }))).toBe(1_700_000_000_000);
    expect(ingestedAtMs(message('{}', { 'ingested-at': ['12', '13'] }))).toBe(12);
  });

  it('rejects what is not JSON, and events their schema refuses, with the issues', () => {
    expect(decodeDelivery(message('{"type":'))).toMatchObject({
      ok: false,
      reason: 'malformed_json',
    });
    expect(decodeDelivery(message(null))).toMatchObject({ ok: false, reason: 'malformed_json' });
    expect(decodeDelivery(message(JSON.stringify({ ...order, currency: 'euro' })))).toEqual({
      ok: false,
      reason: 'invalid_event',
      issues: [{ path: 'currency', message: expect.any(String) }],
    });
  });
});
