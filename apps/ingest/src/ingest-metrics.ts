import type { Metrics } from '@lambda/telemetry';

/** Ingest's own metrics; names get the service prefix, e.g. `lambda_ingest_events_accepted_total`. */
export function createIngestMetrics(metrics: Metrics) {
  return {
    accepted: metrics.counter({
      name: 'events_accepted_total',
      help: 'Events acknowledged by Kafka and answered 202, by event type.',
      labelNames: ['type'],
    }),
    rejected: metrics.counter({
      name: 'events_rejected_total',
      help: 'Events (or whole bodies, for malformed_body) refused with a 4xx, by reason.',
      labelNames: ['reason'],
    }),
    produceDuration: metrics.histogram({
      name: 'produce_duration_seconds',
      help: 'Duration of one Kafka send (many requests may share it), by topic and outcome.',
      labelNames: ['topic', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    requestsInFlight: metrics.gauge({
      name: 'requests_in_flight',
      help: 'Event requests being handled right now.',
    }),
    dlqRecordsLost: metrics.counter({
      name: 'dlq_records_lost_total',
      help: 'Rejections that could not be recorded in the DLQ (it is best-effort).',
    }),
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
