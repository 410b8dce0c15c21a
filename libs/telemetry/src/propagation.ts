import { context, propagation, type Context } from '@opentelemetry/api';

/** Kafka message headers as kafkajs types them. */
export type MessageHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** Adds the active trace context (traceparent, tracestate) to outgoing message headers. */
export function injectTraceHeaders(
  headers: Record<string, string> = {},
  from: Context = context.active(),
) {
  propagation.inject(from, headers);
  return headers;
}

/** The trace context a producer put in a message's headers, to parent the consumer's span. */
export function extractTraceContext(headers: MessageHeaders | undefined): Context {
  return propagation.extract(context.active(), headers ?? {}, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key];
      const first = Array.isArray(value) ? value[0] : value;
      return first === undefined ? undefined : first.toString();
    },
  });
}
