import { PlatformError } from '@lambda/errors';

export const kafkaTimeout = (topic: string, timeoutMs: number) =>
  new PlatformError(`Kafka did not acknowledge within ${timeoutMs} ms`, {
    code: 'kafka_timeout',
    retriable: true,
    context: { topic },
  });

export const overloaded = (topic: string, pending: number, maxPendingMessages: number) =>
  new PlatformError('Too many events are waiting for Kafka', {
    code: 'ingest_overloaded',
    retriable: true,
    context: { topic, pending, maxPendingMessages },
  });
