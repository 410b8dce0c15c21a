import type { Router } from 'express';
import type { HttpConfig, RuntimeConfig, TelemetryConfig } from '@lambda/config';
import {
  createHttpApp,
  startHttpServer,
  type ReadinessCheck,
  type RunningServer,
} from '@lambda/http';
import { createMetrics, startTracing, type Metrics } from '@lambda/telemetry';
import type { ServiceContext } from './run-service.js';

/** Tracing and the metrics registry of one service (`lambda_<name>_*` metric names by default). */
export function startTelemetry(
  { lifecycle }: ServiceContext,
  name: string,
  config: TelemetryConfig,
): Metrics {
  const tracing = startTracing({ serviceName: name, otlpEndpoint: config.otlpEndpoint });
  lifecycle.onStop('tracing', () => tracing.shutdown());
  return createMetrics({ prefix: `${config.metricsPrefix}${name}_` });
}

export interface ServeHttpOptions {
  name: string;
  http: HttpConfig;
  runtime: RuntimeConfig;
  metrics: Metrics;
  readiness: readonly ReadinessCheck[];
  routes?: Router;
}

/** The HTTP face of a service; it is the first thing to stop so load balancers drain first. */
export async function serveHttp(
  context: ServiceContext,
  options: ServeHttpOptions,
): Promise<RunningServer> {
  const app = createHttpApp({
    serviceName: options.name,
    logger: context.logger,
    metrics: options.metrics,
    readiness: options.readiness,
    routes: options.routes,
    isStopping: () => context.lifecycle.stopping,
  });
  const server = await startHttpServer(app, options.http);
  context.lifecycle.onStop('http', () => server.close());
  context.logger.info({ url: server.url }, 'http listening');
  return server;
}
