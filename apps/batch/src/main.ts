import { runMigrations } from '@lambda/migrations';
import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { loadBatchConfig } from './config.js';

void runService({
  name: 'batch',
  async start(context) {
    const config = loadBatchConfig();
    const metrics = startTelemetry(context, 'batch', config.telemetry);
    // In development batch owns the schema; in a cluster the Helm pre-install Job runs it.
    if (config.runtime.migrateOnStart) await runMigrations(config, context.logger);
    const stores = connectStores(context, 'batch', config);
    await serveHttp(context, { name: 'batch', ...config, metrics, readiness: stores.readiness });
  },
});
