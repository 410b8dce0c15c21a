import { kafkaConnection } from '@lambda/kafka';
import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { loadIngestConfig } from './config.js';
import { createIngest } from './ingest.js';

void runService({
  name: 'ingest',
  async start(context) {
    const config = loadIngestConfig();
    const metrics = startTelemetry(context, 'ingest', config.telemetry);
    const stores = connectStores(context, {
      kafka: kafkaConnection(config.kafka, { logger: context.logger, clientId: 'lambda-ingest' }),
    });
    const ingest = createIngest({
      kafka: stores.kafka,
      settings: config.ingest,
      auth: config.auth,
      logger: context.logger,
      metrics,
    });
    context.lifecycle.onStop('producers', () => ingest.close());
    await serveHttp(context, {
      name: 'ingest',
      ...config,
      metrics,
      readiness: [...stores.readiness, ingest.readiness],
      routes: ingest.routes,
    });
  },
});
