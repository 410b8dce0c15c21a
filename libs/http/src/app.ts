import express, { type Express, type Router } from 'express';
import type { Logger, Metrics } from '@lambda/telemetry';
import { notFoundHandler, problemHandler } from './error-handler.js';
import { observeRequests } from './observe-requests.js';
import { addProbeRoutes, type ReadinessCheck } from './probes.js';

export interface HttpAppOptions {
  serviceName: string;
  logger: Logger;
  metrics: Metrics;
  readiness: readonly ReadinessCheck[];
  /** The service's own routes, mounted after the probes. */
  routes?: Router;
  /** True once shutdown began, so `/readyz` turns unready and load balancers drain. */
  isStopping?: () => boolean;
}

/** The express app every service shares: probes, metrics, tracing, problem+json errors. */
export function createHttpApp({
  serviceName,
  logger,
  metrics,
  readiness,
  routes,
  isStopping,
}: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(observeRequests(metrics, serviceName));
  addProbeRoutes(app, metrics, readiness, isStopping ?? (() => false));
  if (routes) app.use(routes);
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}
