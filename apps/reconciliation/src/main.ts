import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { loadReconciliationConfig } from './config.js';

void runService({
  name: 'reconciliation',
  async start(context) {
    const config = loadReconciliationConfig();
    const metrics = startTelemetry(context, 'reconciliation', config.telemetry);
    const stores = connectStores(context, 'reconciliation', config);
    await serveHttp(context, {
      name: 'reconciliation',
      ...config,
      metrics,
      readiness: stores.readiness,
    });
  },
});
