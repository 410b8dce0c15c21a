/** Process lifecycle shared by every app: start, signals, graceful stop within a deadline. */
export { createLifecycle } from './lifecycle.js';
export type { Lifecycle, StopCallback } from './lifecycle.js';
export { runService } from './run-service.js';
export type { RunServiceOptions, ServiceContext } from './run-service.js';
export { startTelemetry, serveHttp } from './service-kit.js';
export type { ServeHttpOptions } from './service-kit.js';
