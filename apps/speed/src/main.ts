import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { loadSpeedConfig } from './config.js';

void runService({
  name: 'speed',
  async start(context) {
    const config = loadSpeedConfig();
    const metrics = startTelemetry(context, 'speed', config.telemetry);
    const stores = connectStores(context, 'speed', config);
    await serveHttp(context, { name: 'speed', ...config, metrics, readiness: stores.readiness });
  },
});
