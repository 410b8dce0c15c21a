import { z } from 'zod';
import { text } from './field.js';

const EARLIEST_OCCURRED_AT_MS = Date.UTC(2000, 0, 1);
const LATEST_OCCURRED_AT_MS = Date.UTC(2100, 0, 1);

/** Event time: ISO-8601 with a zone, inside a range that keeps epoch arithmetic trivially safe. */
const occurredAt = z.iso.datetime({ offset: true, abort: true }).refine((value) => {
  const ms = Date.parse(value);
  return ms >= EARLIEST_OCCURRED_AT_MS && ms < LATEST_OCCURRED_AT_MS;
}, 'expected a time between 2000-01-01 and 2100-01-01');

/** Event time in integer epoch milliseconds; sub-millisecond digits are truncated. */
export const occurredAtMs = (occurredAtIso: string): number => Date.parse(occurredAtIso);

/** The fields every event carries, whatever its type. `event_id` is the idempotency key. */
export const envelopeShape = <const Type extends string, const Version extends number>(
  type: Type,
  version: Version,
) => ({
  event_id: text(128),
  type: z.literal(type),
  schema_version: z.literal(version),
  occurred_at: occurredAt,
});

export const ENVELOPE_FIELDS: readonly string[] = [
  'event_id',
  'type',
  'schema_version',
  'occurred_at',
];
