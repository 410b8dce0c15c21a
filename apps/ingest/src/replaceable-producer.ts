import type { EventProducer, OutgoingMessage } from '@lambda/kafka';
import type { Logger } from '@lambda/telemetry';
import { kafkaTimeout } from './publish-errors.js';
import { within } from './within.js';

/**
 * A producer that is replaced, never reused, after a failed or timed-out send. kafkajs rolls an
 * idempotent producer's sequence numbers back when a send fails, yet the broker may have written
 * it; the next batch would then reuse those numbers and could be acknowledged as a "duplicate"
 * without being written. A new producer gets a new producer id, so that cannot happen. It is
 * also how ingest recovers from a broker restart without restarting itself.
 */
export interface ReplaceableProducer {
  /** Connects the current producer, making one if there is none (the readiness check). */
  connect(): Promise<void>;
  /** Resolves once Kafka acknowledged every message; rejects with a PlatformError otherwise. */
  send(topic: string, messages: OutgoingMessage[], timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

interface Slot {
  producer: EventProducer;
  connected: Promise<void>;
}

export function createReplaceableProducer(
  makeProducer: () => EventProducer,
  logger: Logger,
): ReplaceableProducer {
  let current: Slot | undefined;

  const acquire = (): Slot => {
    if (!current) {
      const producer = makeProducer();
      current = { producer, connected: producer.connect() };
    }
    return current;
  };

  const drop = (slot: Slot, error: unknown) => {
    if (current !== slot) return;
    current = undefined;
    logger.warn({ err: error }, 'Kafka producer failed; the next send uses a new one');
    slot.producer
      .disconnect()
      .catch((cause) => logger.debug({ err: cause }, 'disconnecting a failed producer failed'));
  };

  const onCurrent = async (work: (slot: Slot) => Promise<unknown>): Promise<void> => {
    const slot = acquire();
    try {
      await work(slot);
    } catch (error) {
      drop(slot, error);
      throw error;
    }
  };

  return {
    connect: () => onCurrent((slot) => slot.connected),
    send: (topic, messages, timeoutMs) =>
      onCurrent((slot) =>
        within(
          slot.connected.then(() => slot.producer.send(topic, messages)),
          timeoutMs,
          () => kafkaTimeout(topic, timeoutMs),
        ),
      ),
    close: async () => {
      const slot = current;
      current = undefined;
      await slot?.producer.disconnect();
    },
  };
}
