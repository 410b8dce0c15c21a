import type { ConsumedMessage, DeadLetter } from '@lambda/kafka';
import { parseEvent, type ParsedEvent } from '@lambda/schemas';

export type Decoded = { ok: true; event: ParsedEvent } | { ok: false; deadLetter: DeadLetter };

const refuse = (reason: string, issues: DeadLetter['issues']): Decoded => ({
  ok: false,
  deadLetter: { source: 'speed', reason, issues },
});

/** A message of the raw log as an event, or why it cannot be one (it goes to the DLQ). */
export function decodeMessage(message: ConsumedMessage): Decoded {
  if (!message.value)
    return refuse('empty_message', [{ path: '', message: 'message has no value' }]);
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return refuse('malformed_json', [{ path: '', message: (error as Error).message }]);
  }
  const parsed = parseEvent(json);
  return parsed.ok ? parsed : refuse('invalid_event', parsed.issues);
}

/** When ingest accepted the message (its header), for the freshness histogram. */
export function ingestedAtMs(message: ConsumedMessage): number {
  const header = message.headers?.['ingested-at'];
  const value = Number(Array.isArray(header) ? header[0]?.toString() : header?.toString());
  return Number.isFinite(value) && value > 0 ? value : message.timestampMs;
}
