import { parseEvent } from './index.js';

const orderV1 = {
  event_id: 'evt-1',
  type: 'order',
  schema_version: 1,
  occurred_at: '2026-11-22T10:00:00.000Z',
  order_id: 'o-1',
  merchant_id: 'm-1',
  customer_id: 'c-1',
  amount_minor: -1250,
  currency: 'EUR',
  status: 'completed',
};

const issuesOf = (raw: unknown) => {
  const result = parseEvent(raw);
  if (result.ok) throw new Error('expected the event to be rejected');
  return result.issues;
};

describe('parseEvent', () => {
  it('normalizes a v1 order, missing optional fields as null', () => {
    const result = parseEvent({ ...orderV1, channel: 'web' });
    expect(result).toEqual({
      ok: true,
      event: {
        eventId: 'evt-1',
        type: 'order',
        schemaVersion: 1,
        occurredAtMs: Date.UTC(2026, 10, 22, 10),
        fields: {
          order_id: 'o-1',
          merchant_id: 'm-1',
          customer_id: 'c-1',
          amount_minor: -1250,
          currency: 'EUR',
          status: 'completed',
          coupon_code: null,
          channel: 'web',
        },
        document: { ...orderV1, channel: 'web' },
      },
    });
  });

  it('reads v2 with its extra field, and treats an explicit null as missing', () => {
    const result = parseEvent({
      ...orderV1,
      schema_version: 2,
      loyalty_tier: 'gold',
      coupon_code: null,
    });
    expect(result.ok && result.event.fields).toMatchObject({
      loyalty_tier: 'gold',
      coupon_code: null,
    });
  });

  it('converts a zone offset to epoch milliseconds', () => {
    const result = parseEvent({ ...orderV1, occurred_at: '2026-11-22T11:00:00.5+01:00' });
    expect(result.ok && result.event.occurredAtMs).toBe(Date.UTC(2026, 10, 22, 10, 0, 0, 500));
  });

  it('names the path of every bad field', () => {
    expect(
      issuesOf({ ...orderV1, amount_minor: 1.5, status: 'paid', currency: 'eur' }).map(
        (issue) => issue.path,
      ),
    ).toEqual(['amount_minor', 'currency', 'status']);
  });

  it('rejects amounts beyond the safe integer range', () => {
    expect(issuesOf({ ...orderV1, amount_minor: 2 ** 53 })).toEqual([
      { path: 'amount_minor', message: 'expected a safe integer' },
    ]);
  });

  it('rejects unknown keys by path, including a v2 field in a v1 event', () => {
    expect(issuesOf({ ...orderV1, loyalty_tier: 'gold', extra: 1 })).toEqual([
      { path: 'loyalty_tier', message: 'unknown field' },
      { path: 'extra', message: 'unknown field' },
    ]);
  });

  it('rejects missing required fields', () => {
    expect(issuesOf({ ...orderV1, customer_id: undefined }).map((issue) => issue.path)).toEqual([
      'customer_id',
    ]);
  });

  it.each([
    ['no zone', '2026-11-22T10:00:00'],
    ['before 2000', '1999-12-31T23:59:59.999Z'],
    ['from 2100', '2100-01-01T00:00:00Z'],
    ['not a date', 'yesterday'],
  ])('rejects an occurred_at with %s', (_case, occurredAt) => {
    expect(issuesOf({ ...orderV1, occurred_at: occurredAt }).map((issue) => issue.path)).toEqual([
      'occurred_at',
    ]);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['a lone surrogate', 'm\ud800'],
  ])('rejects a string field that is %s', (_case, merchantId) => {
    expect(issuesOf({ ...orderV1, merchant_id: merchantId }).map((issue) => issue.path)).toEqual([
      'merchant_id',
    ]);
  });

  it('accepts any well-formed Unicode, quotes and backslashes in text', () => {
    expect(parseEvent({ ...orderV1, merchant_id: `m'\\"|*\0😀` }).ok).toBe(true);
  });

  it('explains an unknown type or schema version', () => {
    expect(issuesOf({ ...orderV1, type: 'refund' })).toEqual([
      { path: 'type', message: 'unknown event type "refund" (known: order)' },
    ]);
    expect(issuesOf({ ...orderV1, schema_version: 7 })).toEqual([
      { path: 'schema_version', message: 'unknown schema_version 7 for type order (known: 1, 2)' },
    ]);
  });

  it('rejects what is not an event at all', () => {
    expect(issuesOf('order')).toEqual([
      { path: '', message: expect.stringContaining('expected object') },
    ]);
    expect(issuesOf({ type: 'order' }).map((issue) => issue.path)).toEqual(['schema_version']);
  });
});
