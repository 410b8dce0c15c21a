import { createApiKeyAuth, mintApiKey } from '@lambda/auth';
import type { CassandraClient } from '@lambda/cassandra';
import { createHttpApp, startHttpServer, type RunningServer } from '@lambda/http';
import { createMetrics } from '@lambda/telemetry';
import type { ViewRegistry } from '@lambda/transforms';
import { servingRoutes } from '../http/routes.js';
import { createViewReader } from '../read/view-reader.js';
import { silentLogger } from './test-keyspace.js';

export interface ServingUnderTest extends RunningServer {
  /** Bearer tokens: views:read, events:write only, and views:read limited to 1 request/s. */
  tokens: { reader: string; writer: string; slow: string };
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

/**
 * The serving routes in this process, over a test keyspace: state and speed rows are read afresh
 * every request, so tests see their writes at once; settled rows are cached as in production.
 */
export async function startServing({
  client,
  registry,
  maxWindows = 48,
}: {
  client: CassandraClient;
  registry: ViewRegistry;
  maxWindows?: number;
}): Promise<ServingUnderTest> {
  const reader = mintApiKey({ id: 'reader', scopes: ['views:read'], ratePerSecond: 10_000 });
  const writer = mintApiKey({ id: 'writer', scopes: ['events:write'] });
  const slow = mintApiKey({ id: 'slow', scopes: ['views:read'], ratePerSecond: 1 });
  const logger = silentLogger();
  const metrics = createMetrics({ prefix: 'lambda_serving_' });
  const auth = createApiKeyAuth({
    config: { keys: [reader.entry, writer.entry, slow.entry], usesDevelopmentKey: false },
    logger,
  });
  const routes = servingRoutes({
    registry,
    reader: createViewReader({
      client,
      metrics,
      caches: { stateTtlMs: 0, speedRowsTtlMs: 0, settledRowsTtlMs: 60_000, maxEntries: 1000 },
    }),
    metrics,
    requireViewsRead: auth.requireScope('views:read'),
    maxWindows,
    freshMaxAgeS: 5,
    settledMaxAgeS: 60,
  });
  const app = createHttpApp({ serviceName: 'serving', logger, metrics, readiness: [], routes });
  const server = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
  return {
    ...server,
    tokens: { reader: reader.token, writer: writer.token, slow: slow.token },
    get: (path, headers = {}) =>
      fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${reader.token}`, ...headers },
      }),
  };
}
