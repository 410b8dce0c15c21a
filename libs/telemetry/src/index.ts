/** Logs, metrics and traces: one logger, one metrics registry, one tracer per process. */
export { createLogger } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export { createMetrics } from './metrics.js';
export type { Metrics } from './metrics.js';
export { startTracing } from './tracing.js';
export type { Tracing, TracingOptions } from './tracing.js';
export { injectTraceHeaders, extractTraceContext } from './propagation.js';
export type { MessageHeaders } from './propagation.js';
