import { findEventSchema } from './catalog.js';
import type { FieldValue } from './field.js';
import { masterFieldColumns } from './master-table.js';
import type { ParsedEvent } from './parse-event.js';

/** Where a delivery was read; (partition, offset) decides which duplicate came first. */
export interface DeliveryCoordinates {
  kafkaPartition: number;
  /** A safe integer; Kafka offsets stay far below 2^53. */
  kafkaOffset: number;
  ingestedAtMs: number;
}

export type MasterRow = Record<string, FieldValue | null>;

/** The JSONEachRow row of `events_<type>` for one delivery; fields its version lacks are null. */
export function toMasterRow(
  event: ParsedEvent,
  { kafkaPartition, kafkaOffset, ingestedAtMs }: DeliveryCoordinates,
): MasterRow {
  return {
    event_id: event.eventId,
    schema_version: event.schemaVersion,
    occurred_at_ms: event.occurredAtMs,
    ...Object.fromEntries(
      masterFieldColumns(event.type).map(({ name }) => [name, event.fields[name] ?? null]),
    ),
    kafka_partition: kafkaPartition,
    kafka_offset: kafkaOffset,
    ingested_at_ms: ingestedAtMs,
  };
}

/** One delivery read back from `events_<type>`: the event and where Kafka had it. */
export interface MasterDelivery {
  event: ParsedEvent;
  kafkaPartition: number;
  kafkaOffset: number;
}

/** ClickHouse writes 64-bit integers as JSON strings; fields hold safe integers, so Number is exact. */
const integerOf = (value: unknown) => (typeof value === 'string' ? Number(value) : value);

/**
 * The inverse of `toMasterRow`, for a row as ClickHouse returns it (JSONEachRow): the event as
 * `parseEvent` would have normalized it. Undefined for a schema version the catalog no longer has.
 */
export function fromMasterRow(
  type: string,
  row: Readonly<Record<string, unknown>>,
): MasterDelivery | undefined {
  const schema = findEventSchema(type, Number(row['schema_version']));
  if (!schema) return undefined;
  const fields = Object.fromEntries(
    Object.entries(schema.fields).map(([name, spec]) => {
      const value = row[name] ?? null;
      return [
        name,
        (value !== null && spec.valueType === 'integer'
          ? integerOf(value)
          : value) as FieldValue | null,
      ];
    }),
  );
  const eventId = String(row['event_id']);
  const occurredAtMs = Number(row['occurred_at_ms']);
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
  return {
    event: {
      eventId,
      type: schema.type,
      schemaVersion: schema.version,
      occurredAtMs,
      fields,
      document: {
        event_id: eventId,
        type: schema.type,
        schema_version: schema.version,
        occurred_at: new Date(occurredAtMs).toISOString(),
        ...present,
      },
    },
    kafkaPartition: Number(row['kafka_partition']),
    kafkaOffset: Number(row['kafka_offset']),
  };
}
