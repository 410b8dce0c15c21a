/**
 * The one error family of the platform. Every store adapter (Kafka, ClickHouse, Cassandra)
 * wraps failures in a PlatformError so one retry helper can decide from `retriable`, and the
 * edges (HTTP, DLQ, process exit) can report `code` and `context` without guessing.
 */
export interface PlatformErrorOptions {
  /** Stable machine-readable code, e.g. `kafka_unavailable`. */
  code: string;
  /** Whether trying the same operation again may succeed. Default false. */
  retriable?: boolean;
  /** Where it happened (topic, partition, table, view…). */
  context?: Record<string, unknown>;
  cause?: unknown;
}

export class PlatformError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly context: Record<string, unknown>;

  constructor(message: string, options: PlatformErrorOptions) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.retriable = options.retriable ?? false;
    this.context = options.context ?? {};
  }
}

export function isRetriable(error: unknown): boolean {
  return error instanceof PlatformError && error.retriable;
}
