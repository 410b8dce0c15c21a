import { createApiKeyAuth } from '@lambda/auth';
import { cassandraConnection } from '@lambda/cassandra';
import { clickhouseConnection } from '@lambda/clickhouse';
import { createEventProducer, kafkaConnection } from '@lambda/kafka';
import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { shippedViews } from '@lambda/transforms';
import { loadReconciliationConfig } from './config.js';
import { createRunListener } from './control/run-listener.js';
import { reconciliationRoutes } from './http/routes.js';
import { createReconciliationMetrics } from './metrics.js';
import { createReconciler } from './run/reconciler.js';
import { createRepairPublisher } from './run/repair-publisher.js';

void runService({
  name: 'reconciliation',
  async start(context) {
    const config = loadReconciliationConfig();
    const settings = config.reconciliation;
    const metrics = startTelemetry(context, 'reconciliation', config.telemetry);
    const stores = connectStores(context, {
      kafka: kafkaConnection(config.kafka, {
        logger: context.logger,
        clientId: 'lambda-reconciliation',
      }),
      clickhouse: clickhouseConnection(config.clickhouse),
      cassandra: cassandraConnection(config.cassandra),
    });
    const results = { client: stores.clickhouse, database: config.clickhouse.database };
    const auth = createApiKeyAuth({ config: config.auth, logger: context.logger });
    await serveHttp(context, {
      name: 'reconciliation',
      ...config,
      metrics,
      readiness: stores.readiness,
      routes: reconciliationRoutes({
        registry: shippedViews,
        results,
        cassandra: stores.cassandra,
        settings,
        requireViewsRead: auth.requireScope('views:read'),
      }),
    });

    const repairs = createRepairPublisher(createEventProducer(stores.kafka), settings.controlTopic);
    context.lifecycle.onStop('repair publisher', () => repairs.close());
    const reconciler = createReconciler(shippedViews, {
      stores: { results, cassandra: stores.cassandra },
      repairs,
      metrics: createReconciliationMetrics(metrics),
      logger: context.logger,
      settings,
      clock: Date.now,
    });
    context.lifecycle.onStop('reconciler', () => reconciler.stop());

    const listener = createRunListener({
      kafka: stores.kafka,
      topic: settings.controlTopic,
      groupId: settings.groupId,
      registry: shippedViews,
      reconciler,
      logger: context.logger,
      onStoppedForGood: (error) => context.fail('run listener stopped for good', error),
    });
    await listener.start();
    context.lifecycle.onStop('run listener', () => listener.stop());

    // A first run at start, so the last-run gauge (and its staleness alert) need not wait a period.
    const onSchedule = () => reconciler.requestAll({ kind: 'schedule', mayRepair: true });
    onSchedule();
    const schedule = setInterval(onSchedule, settings.intervalMs);
    context.lifecycle.onStop('schedule', () => clearInterval(schedule));
  },
});
