import type { Metrics } from '@lambda/telemetry';

/** Every batch metric (names get the `lambda_batch_` prefix from the registry). */
export function createBatchMetrics(metrics: Metrics) {
  return {
    archiveLag: metrics.gauge({
      name: 'archive_lag',
      help: 'Messages of events.raw.v1 not yet archived, per Kafka partition',
      labelNames: ['partition'],
    }),
    archiveEvents: metrics.counter({
      name: 'archive_events_total',
      help: 'Deliveries the archiver handled: archived into ClickHouse or rejected to the DLQ',
      labelNames: ['outcome'],
    }),
    runDuration: metrics.histogram({
      name: 'run_duration_seconds',
      help: 'Duration of recompute runs',
      labelNames: ['view'],
      buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    }),
    rowsPublished: metrics.counter({
      name: 'rows_published_total',
      help: 'batch_view rows written to Cassandra',
      labelNames: ['view'],
    }),
    lastSuccess: metrics.gauge({
      name: 'last_success_timestamp_seconds',
      help: 'When a recompute of the view version last succeeded',
      labelNames: ['view', 'version'],
    }),
    runs: metrics.counter({
      name: 'runs_total',
      help: 'Recompute runs by outcome: succeeded, failed or skipped',
      labelNames: ['view', 'status'],
    }),
  };
}

export type BatchMetrics = ReturnType<typeof createBatchMetrics>;
