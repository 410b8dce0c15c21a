import { cassandraConnection } from '@lambda/cassandra';
import { clickhouseConnection } from '@lambda/clickhouse';
import { createEventProducer, kafkaConnection } from '@lambda/kafka';
import { serveHttp, startTelemetry, type ServiceContext } from '@lambda/service';
import { connectStores } from '@lambda/stores';
import type { BatchConfig } from '../config.js';
import { createAnnouncer } from '../control/announcer.js';
import { createBatchMetrics } from '../metrics.js';
import type { RecomputeContext } from '../recompute/recompute-view.js';

/**
 * What every long-running mode shares: telemetry, store clients, the HTTP face (health,
 * readiness, metrics). The ClickHouse client's request timeout is the batch query timeout:
 * recompute queries over the whole history outlast the default.
 */
export async function startBatchService(context: ServiceContext, config: BatchConfig) {
  const metrics = startTelemetry(context, 'batch', config.telemetry);
  const stores = connectStores(context, {
    kafka: kafkaConnection(config.kafka, { logger: context.logger, clientId: 'lambda-batch' }),
    cassandra: cassandraConnection(config.cassandra),
    clickhouse: clickhouseConnection(config.clickhouse, {
      requestTimeoutMs: config.batch.queryTimeoutMs,
    }),
  });
  await serveHttp(context, { name: 'batch', ...config, metrics, readiness: stores.readiness });
  return { ...stores, metrics: createBatchMetrics(metrics) };
}

export type BatchService = Awaited<ReturnType<typeof startBatchService>>;

/** The dependencies of recompute runs; `signal` stops them at their next step. */
export function recomputeContext(
  context: ServiceContext,
  config: BatchConfig,
  service: BatchService,
  signal: AbortSignal,
): RecomputeContext {
  const announcer = createAnnouncer(
    createEventProducer(service.kafka),
    config.batch.topics.control,
  );
  context.lifecycle.onStop('announcer', () => announcer.close());
  return {
    results: { client: service.clickhouse, database: config.clickhouse.database },
    cassandra: service.cassandra,
    metrics: service.metrics,
    logger: context.logger,
    publishConcurrency: config.batch.publishConcurrency,
    computeChunkRows: config.batch.computeChunkRows,
    announce: announcer.announce,
    clock: Date.now,
    signal,
    settings: {
      settleDelayMs: config.batch.settleDelayMs,
      leaseTtlSeconds: config.batch.leaseTtlSeconds,
      leaseWaitMs: config.batch.leaseWaitMs,
    },
  };
}
