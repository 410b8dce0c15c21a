import {
  createMasterTableSql,
  fromMasterRow,
  masterTableColumns,
  parseEvent,
  toMasterRow,
} from './index.js';

describe('master table of order events', () => {
  it('holds the envelope, the union of all versions and the delivery coordinates', () => {
    expect(masterTableColumns('order').map(({ name, type }) => `${name} ${type}`)).toEqual([
      'event_id String',
      'schema_version UInt16',
      'occurred_at_ms Int64',
      "occurred_at DateTime('UTC')",
      'order_id String',
      'merchant_id String',
      'customer_id String',
      'amount_minor Int64',
      'currency String',
      'status String',
      'coupon_code Nullable(String)',
      'channel Nullable(String)',
      'loyalty_tier Nullable(String)',
      'kafka_partition Int32',
      'kafka_offset Int64',
      'ingested_at_ms Int64',
    ]);
  });

  it('creates a MergeTree partitioned by month with a derived DateTime', () => {
    const ddl = createMasterTableSql({ database: 'lambda', type: 'order' });
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS `lambda`\.`events_order`/);
    expect(ddl).toContain(
      "`occurred_at` DateTime('UTC') MATERIALIZED toDateTime(intDiv(occurred_at_ms, 1000), 'UTC')",
    );
    expect(ddl).toContain(
      'ENGINE = MergeTree\nPARTITION BY toYYYYMM(occurred_at)\nORDER BY (occurred_at_ms, event_id)',
    );
  });

  it('refuses an unsafe database name or an unknown type', () => {
    expect(() => createMasterTableSql({ database: 'x; DROP', type: 'order' })).toThrow(
      /identifier/,
    );
    expect(() => createMasterTableSql({ database: 'lambda', type: 'refund' })).toThrow(
      /unknown event type/,
    );
  });

  it('maps a v1 event to a row where v2-only columns are null', () => {
    const parsed = parseEvent({
      event_id: 'e',
      type: 'order',
      schema_version: 1,
      occurred_at: '2026-11-22T10:00:00Z',
      order_id: 'o',
      merchant_id: 'm',
      customer_id: 'c',
      amount_minor: 5,
      currency: 'EUR',
      status: 'created',
    });
    if (!parsed.ok) throw new Error('fixture must be valid');
    expect(
      toMasterRow(parsed.event, { kafkaPartition: 3, kafkaOffset: 42, ingestedAtMs: 7 }),
    ).toEqual({
      event_id: 'e',
      schema_version: 1,
      occurred_at_ms: Date.UTC(2026, 10, 22, 10),
      order_id: 'o',
      merchant_id: 'm',
      customer_id: 'c',
      amount_minor: 5,
      currency: 'EUR',
      status: 'created',
      coupon_code: null,
      channel: null,
      loyalty_tier: null,
      kafka_partition: 3,
      kafka_offset: 42,
      ingested_at_ms: 7,
    });
  });

  it('reads a row back as ClickHouse returns it (64-bit integers as text) into the parsed event', () => {
    const parsed = parseEvent({
      event_id: 'e',
      type: 'order',
      schema_version: 2,
      occurred_at: '2026-11-22T10:00:00.123Z',
      order_id: 'o',
      merchant_id: 'm',
      customer_id: 'c',
      amount_minor: -5,
      currency: 'EUR',
      status: 'created',
      loyalty_tier: 'gold',
    });
    if (!parsed.ok) throw new Error('fixture must be valid');
    const row = toMasterRow(parsed.event, { kafkaPartition: 3, kafkaOffset: 42, ingestedAtMs: 7 });
    const asClickHouseReturnsIt = {
      ...row,
      occurred_at_ms: String(row['occurred_at_ms']),
      amount_minor: String(row['amount_minor']),
      kafka_offset: '42',
    };
    const delivery = fromMasterRow('order', asClickHouseReturnsIt);
    expect(delivery).toMatchObject({ kafkaPartition: 3, kafkaOffset: 42 });
    expect(delivery!.event).toEqual(parsed.event);
    expect(fromMasterRow('order', { ...row, schema_version: 9 })).toBeUndefined();
  });
});
