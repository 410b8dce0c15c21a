import { createApiKeyAuth } from '@lambda/auth';
import { cassandraConnection } from '@lambda/cassandra';
import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { shippedViews } from '@lambda/transforms';
import { loadServingConfig } from './config.js';
import { servingRoutes } from './http/routes.js';
import { createViewReader, type ReadCaches } from './read/view-reader.js';

/** Rendered answers can only be reused while the state and some rows are reused too. */
const reusesReads = (caches: ReadCaches) =>
  caches.stateTtlMs > 0 && (caches.speedRowsTtlMs > 0 || caches.settledRowsTtlMs > 0);

void runService({
  name: 'serving',
  async start(context) {
    const config = loadServingConfig();
    const metrics = startTelemetry(context, 'serving', config.telemetry);
    const stores = connectStores(context, { cassandra: cassandraConnection(config.cassandra) });
    const auth = createApiKeyAuth({ config: config.auth, logger: context.logger });
    const routes = servingRoutes({
      registry: shippedViews,
      reader: createViewReader({
        client: stores.cassandra,
        metrics,
        caches: config.serving.caches,
      }),
      metrics,
      requireViewsRead: auth.requireScope('views:read'),
      ...config.serving,
      answerCacheEntries: reusesReads(config.serving.caches) ? config.serving.caches.maxEntries : 0,
    });
    await serveHttp(context, {
      name: 'serving',
      ...config,
      metrics,
      readiness: stores.readiness,
      routes,
    });
  },
});
