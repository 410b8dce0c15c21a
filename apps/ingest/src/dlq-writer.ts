import type { OutgoingMessage } from '@lambda/kafka';
import { injectTraceHeaders, type Logger } from '@lambda/telemetry';
import type { Publisher } from './batching-publisher.js';
import type { Rejection } from './rejection.js';

/** Who sent the rejected events and when. */
export interface RejectionContext {
  apiKeyId: string;
  receivedAt: Date;
}

/** Records rejections for audit; never waits and never fails its caller. */
export type RecordRejections = (rejections: readonly Rejection[], from: RejectionContext) => void;

function toDlqMessage(
  rejection: Rejection,
  { apiKeyId, receivedAt }: RejectionContext,
): OutgoingMessage {
  return {
    key: apiKeyId,
    value: JSON.stringify({
      source: 'ingest',
      reason: rejection.reason,
      issues: rejection.issues,
      index: rejection.index,
      event_id: rejection.eventId,
      raw: rejection.raw,
      received_at: receivedAt.toISOString(),
      api_key_id: apiKeyId,
    }),
    headers: injectTraceHeaders({}),
  };
}

/**
 * The DLQ is an audit trail, not part of the answer: the 4xx goes out without waiting for it, and
 * a record that cannot be written (Kafka down, too many pending) is counted and logged, never
 * turned into an error for the client.
 */
export function createDlqWriter({
  publisher,
  logger,
  onLost,
}: {
  publisher: Publisher;
  logger: Logger;
  onLost: (records: number) => void;
}): RecordRejections {
  return (rejections, from) => {
    const messages = rejections.map((rejection) => toDlqMessage(rejection, from));
    publisher.publish(messages).catch((error: unknown) => {
      onLost(messages.length);
      logger.warn({ err: error, records: messages.length }, 'rejections not recorded in the DLQ');
    });
  };
}
