import type { OutgoingMessage } from '@lambda/kafka';
import { injectTraceHeaders } from '@lambda/telemetry';
import { entityKeyOf } from './entity-key.js';
import type { AcceptedEvent } from './validate-events.js';

/**
 * The records of a request's accepted events on the raw topic. Each value is the event as
 * received, re-serialized as compact JSON: members in the sender's order with the sender's
 * values; only insignificant whitespace and the spelling of escapes and numbers may differ from
 * the request bytes. The trace context is taken here, inside the request, because Kafka sends
 * are shared by many requests.
 */
export function toKafkaMessages(
  accepted: readonly AcceptedEvent[],
  ingestedAtMs: number,
): OutgoingMessage[] {
  const requestHeaders = injectTraceHeaders({ 'ingested-at': String(ingestedAtMs) });
  return accepted.map(({ event, received }) => ({
    key: entityKeyOf(event),
    value: JSON.stringify(received),
    headers: {
      'event-type': event.type,
      'schema-version': String(event.schemaVersion),
      ...requestHeaders,
    },
  }));
}
