import type { ConsumedMessage } from './consumer.js';
import type { OutgoingMessage } from './producer.js';

const RAW_EXCERPT_BYTES = 4096;

export interface DeadLetter {
  /** Which consumer refused it, e.g. `speed` or `batch-archive`. */
  source: string;
  /** A small closed set per source, e.g. `malformed_json`, `invalid_event`. */
  reason: string;
  issues: readonly { path: string; message: string }[];
}

/**
 * The DLQ record for a message a consumer could not use: where it came from (so it can be
 * replayed), why, and a bounded excerpt of its bytes. Keyed by source partition to keep order.
 */
export function deadLetterFor(
  message: ConsumedMessage,
  { source, reason, issues }: DeadLetter,
): OutgoingMessage {
  return {
    key: `${message.topic}/${message.partition}`,
    value: JSON.stringify({
      source,
      reason,
      issues,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      raw: message.value?.subarray(0, RAW_EXCERPT_BYTES).toString('utf8') ?? null,
      received_at: new Date().toISOString(),
    }),
  };
}
