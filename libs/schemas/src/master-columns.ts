/** A column of a master dataset table `events_<type>`. */
export interface MasterColumn {
  readonly name: string;
  /** ClickHouse type, valid on 18.16 and current versions. */
  readonly type: string;
  /** Set when ClickHouse computes the column itself; rows never carry it. */
  readonly materialized?: string;
}

export const ENVELOPE_COLUMNS: readonly MasterColumn[] = [
  { name: 'event_id', type: 'String' },
  { name: 'schema_version', type: 'UInt16' },
  { name: 'occurred_at_ms', type: 'Int64' },
  // Only for partitioning; every computation uses the exact integer occurred_at_ms.
  {
    name: 'occurred_at',
    type: "DateTime('UTC')",
    materialized: "toDateTime(intDiv(occurred_at_ms, 1000), 'UTC')",
  },
];

/** Where and when the row was read from Kafka; (kafka_partition, kafka_offset) orders deliveries. */
export const DELIVERY_COLUMNS: readonly MasterColumn[] = [
  { name: 'kafka_partition', type: 'Int32' },
  { name: 'kafka_offset', type: 'Int64' },
  { name: 'ingested_at_ms', type: 'Int64' },
];

export const MASTER_TABLE_FIXED_COLUMNS: readonly MasterColumn[] = [
  ...ENVELOPE_COLUMNS,
  ...DELIVERY_COLUMNS,
];
