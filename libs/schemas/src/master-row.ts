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
