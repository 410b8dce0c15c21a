import type { Kafka, Message, Producer } from 'kafkajs';
import { injectTraceHeaders } from '@lambda/telemetry';
import { kafkaError } from './errors.js';

export interface OutgoingMessage {
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface PublishedOffset {
  partition: number;
  baseOffset: string;
}

export interface EventProducer {
  connect(): Promise<void>;
  /** Resolves only once every message is acknowledged by all in-sync replicas. */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<PublishedOffset[]>;
  disconnect(): Promise<void>;
}

/**
 * Idempotent, acks=all producer. kafkajs needs maxInFlightRequests 1 for idempotence to hold;
 * the active trace context travels in each message's headers.
 */
export function createEventProducer(kafka: Kafka, { timeoutMs = 10_000 } = {}): EventProducer {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  return {
    connect: async () => {
      try {
        await producer.connect();
      } catch (error) {
        throw kafkaError('producer connect', error);
      }
    },
    async send(topic, messages) {
      const traced: Message[] = messages.map((m) => ({
        key: m.key,
        value: m.value,
        headers: injectTraceHeaders({ ...m.headers }),
      }));
      try {
        const metadata = await producer.send({
          topic,
          messages: traced,
          acks: -1,
          timeout: timeoutMs,
        });
        return metadata.map((m) => ({ partition: m.partition, baseOffset: m.baseOffset ?? '-1' }));
      } catch (error) {
        throw kafkaError('produce', error, { topic, messages: messages.length });
      }
    },
    disconnect: () => producer.disconnect(),
  };
}
