import type { ConsumedMessage } from '@lambda/kafka';
import {
  masterTableName,
  parseEvent,
  toMasterRow,
  type MasterRow,
  type ParseIssue,
} from '@lambda/schemas';

/** What one Kafka delivery becomes: a row of its master table, or a reason to dead-letter it. */
export type Delivery =
  | { ok: true; table: string; row: MasterRow }
  | { ok: false; reason: 'malformed_json' | 'invalid_event'; issues: ParseIssue[] };

/** The ingest app stamps `ingested-at` (epoch ms); older or foreign producers fall back to the Kafka timestamp. */
export function ingestedAtMs({ headers, timestampMs }: ConsumedMessage): number {
  const header = headers?.['ingested-at'];
  const text = (Array.isArray(header) ? header[0] : header)?.toString();
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : timestampMs;
}

function parseJson(
  value: Buffer | null,
): { ok: true; json: unknown } | { ok: false; message: string } {
  if (value === null) return { ok: false, message: 'empty message' };
  try {
    return { ok: true, json: JSON.parse(value.toString('utf8')) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

export function decodeDelivery(message: ConsumedMessage): Delivery {
  const json = parseJson(message.value);
  if (!json.ok)
    return { ok: false, reason: 'malformed_json', issues: [{ path: '', message: json.message }] };
  const parsed = parseEvent(json.json);
  if (!parsed.ok) return { ok: false, reason: 'invalid_event', issues: parsed.issues };
  return {
    ok: true,
    table: masterTableName(parsed.event.type),
    row: toMasterRow(parsed.event, {
      kafkaPartition: message.partition,
      kafkaOffset: Number(message.offset),
      ingestedAtMs: ingestedAtMs(message),
    }),
  };
}
