import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { loadIngestConfig } from './config.js';

void runService({
  name: 'ingest',
  async start(context) {
    const config = loadIngestConfig();
    const metrics = startTelemetry(context, 'ingest', config.telemetry);
    const stores = connectStores(context, 'ingest', config);
    await serveHttp(context, { name: 'ingest', ...config, metrics, readiness: stores.readiness });
  },
});
