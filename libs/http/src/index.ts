/** The HTTP edge every service shares: app factory, probes, problem+json errors, server lifecycle. */
export { createHttpApp } from './app.js';
export type { HttpAppOptions } from './app.js';
export { startHttpServer } from './server.js';
export type { RunningServer } from './server.js';
export { HttpProblem, badRequest, notFound, serviceUnavailable } from './problem.js';
export type { ReadinessCheck } from './probes.js';
