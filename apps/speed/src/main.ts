import { cassandraConnection } from '@lambda/cassandra';
import { createBatchConsumer, createEventProducer, kafkaConnection } from '@lambda/kafka';
import { runService, serveHttp, startTelemetry } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import { shippedViews } from '@lambda/transforms';
import { createBatchHandler } from './batch-handler.js';
import { loadSpeedConfig } from './config.js';
import { createSpeedMetrics } from './speed-metrics.js';

function assertJoined(joined: boolean) {
  if (!joined) throw new Error('not a member of the consumer group yet');
}

void runService({
  name: 'speed',
  async start(context) {
    const config = loadSpeedConfig();
    const metrics = startTelemetry(context, 'speed', config.telemetry);
    const stores = connectStores(context, {
      kafka: kafkaConnection(config.kafka, { logger: context.logger, clientId: 'lambda-speed' }),
      cassandra: cassandraConnection(config.cassandra),
    });
    const producer = createEventProducer(stores.kafka);
    await producer.connect();
    context.lifecycle.onStop('dlq producer', () => producer.disconnect());

    const handler = createBatchHandler({
      cassandra: stores.cassandra,
      producer,
      views: shippedViews.views,
      settings: config.speed,
      metrics: createSpeedMetrics(metrics),
    });
    const consumer = createBatchConsumer({
      kafka: stores.kafka,
      groupId: config.speed.groupId,
      topics: [config.speed.eventsTopic],
      logger: context.logger,
      partitionsConsumedConcurrently: config.speed.partitionsConcurrently,
      sessionTimeoutMs: config.speed.sessionTimeoutMs,
      maxBytesPerPartition: config.speed.maxBatchBytes,
      handleBatch: handler.handle,
      onStoppedForGood: (error) => context.fail('consumer stopped for good', error),
      onAssignment(assignment) {
        const assigned = assignment[config.speed.eventsTopic] ?? [];
        handler.onAssignment(assigned);
        context.logger.info({ assigned }, 'partitions assigned');
      },
    });
    // Stopped before the stores close: the batch in hand finishes, is written and committed.
    context.lifecycle.onStop('consumer', () => consumer.stop());
    await consumer.start();

    await serveHttp(context, {
      name: 'speed',
      ...config,
      metrics,
      readiness: [
        ...stores.readiness,
        { name: 'consumer group', check: async () => assertJoined(consumer.joined) },
      ],
    });
  },
});
