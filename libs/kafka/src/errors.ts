import { PlatformError } from '@lambda/errors';

// kafkajs gives up with a non-retriable "retries exceeded" error that wraps the real cause;
// a broker that cannot be reached is still worth retrying later, so look down the chain.
const unavailable = new Set([
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
]);

function isRetriableKafkaError(error: unknown): boolean {
  for (
    let e = error as { name?: string; retriable?: boolean; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.retriable === true || (e.name !== undefined && unavailable.has(e.name))) return true;
  }
  return false;
}

/** Wraps a kafkajs error, keeping whether a retry may help. */
export function kafkaError(
  operation: string,
  cause: unknown,
  context: Record<string, unknown> = {},
): PlatformError {
  if (cause instanceof PlatformError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const retriable = isRetriableKafkaError(cause);
  return new PlatformError(`Kafka ${operation} failed: ${message}`, {
    code: retriable ? 'kafka_unavailable' : 'kafka_error',
    retriable,
    context,
    cause,
  });
}
