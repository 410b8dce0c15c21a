import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { loadServingConfig } from './config.js';

void runService({
  name: 'serving',
  async start(context) {
    const config = loadServingConfig();
    const metrics = startTelemetry(context, 'serving', config.telemetry);
    const stores = connectStores(context, 'serving', config);
    await serveHttp(context, { name: 'serving', ...config, metrics, readiness: stores.readiness });
  },
});
