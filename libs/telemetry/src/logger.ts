import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  service: string;
  /** Default `info`. */
  level?: string;
  /** Where JSON lines go. Default stdout. */
  destination?: pino.DestinationStream;
}

/** JSON logs that carry the active trace and span ids, so a log line leads to its trace. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const span = trace.getActiveSpan()?.spanContext();
        return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
      },
    },
    destination,
  );
}
