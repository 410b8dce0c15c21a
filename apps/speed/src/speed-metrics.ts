import type { Metrics } from '@lambda/telemetry';

export function createSpeedMetrics(metrics: Metrics) {
  return {
    consumerLag: metrics.gauge({
      name: 'consumer_lag',
      help: 'Messages behind the partition high watermark.',
      labelNames: ['partition'],
    }),
    eventsProcessed: metrics.counter({
      name: 'events_processed_total',
      help: 'Valid events applied to every view.',
    }),
    lateDropped: metrics.counter({
      name: 'events_late_dropped_total',
      help: 'Events refused by a view because their window was past the allowed lateness.',
      labelNames: ['view'],
    }),
    dlq: metrics.counter({
      name: 'events_dlq_total',
      help: 'Messages sent to the DLQ.',
      labelNames: ['reason'],
    }),
    flushDuration: metrics.histogram({
      name: 'flush_duration_seconds',
      help: 'Time to write one batch of partial aggregates and its checkpoint.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
    freshness: metrics.histogram({
      name: 'freshness_seconds',
      help: 'From ingest accepting an event to its aggregate being visible in Cassandra.',
      // Fine below the 1 s objective, so p50 and p99 read from it are not one wide bucket.
      buckets: [0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 5, 10, 30, 60],
    }),
    openWindows: metrics.gauge({
      name: 'open_windows',
      help: 'Partial aggregates held in memory.',
    }),
  };
}

export type SpeedMetrics = ReturnType<typeof createSpeedMetrics>;
