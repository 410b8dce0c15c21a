import express, { type Router } from 'express';
import { createApiKeyAuth, type ApiKeysConfig } from '@lambda/auth';
import type { ReadinessCheck } from '@lambda/http';
import { createEventProducer, type Kafka } from '@lambda/kafka';
import type { Logger, Metrics } from '@lambda/telemetry';
import { createBatchingPublisher } from './batching-publisher.js';
import type { IngestSettings } from './config.js';
import { createDlqWriter } from './dlq-writer.js';
import { eventsRoute } from './events-route.js';
import { createIngestMetrics } from './ingest-metrics.js';
import { buildOpenApiDocument } from './openapi.js';
import { createReplaceableProducer } from './replaceable-producer.js';

export interface IngestOptions {
  kafka: Kafka;
  settings: IngestSettings;
  auth: ApiKeysConfig;
  logger: Logger;
  metrics: Metrics;
}

export interface Ingest {
  routes: Router;
  /** Ready once the producer of the raw topic is connected. */
  readiness: ReadinessCheck;
  /** Lets sends in flight finish (within the produce timeout), then disconnects. */
  close(): Promise<void>;
}

/** Ingest's routes and the two publishers behind them (raw topic, DLQ), each with its own producer. */
export function createIngest({ kafka, settings, auth, logger, metrics }: IngestOptions): Ingest {
  const ingestMetrics = createIngestMetrics(metrics);
  const publisherFor = (topic: string) => {
    const producer = createReplaceableProducer(
      () => createEventProducer(kafka, { timeoutMs: settings.produceTimeoutMs }),
      logger.child({ topic }),
    );
    const publisher = createBatchingPublisher({
      producer,
      topic,
      timeoutMs: settings.produceTimeoutMs,
      maxPendingMessages: settings.maxInFlightEvents,
      onSend: (outcome, seconds) =>
        ingestMetrics.produceDuration.observe({ topic, outcome }, seconds),
    });
    return { producer, publisher };
  };
  const raw = publisherFor(settings.rawTopic);
  const dlq = publisherFor(settings.dlqTopic);

  const routes = express.Router();
  const openApi = buildOpenApiDocument(settings);
  routes.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  routes.use(
    eventsRoute({
      auth: createApiKeyAuth({ config: auth, logger }),
      maxBodyBytes: settings.maxBodyBytes,
      maxEvents: settings.maxEvents,
      publisher: raw.publisher,
      recordRejections: createDlqWriter({
        publisher: dlq.publisher,
        logger,
        onLost: (records) => ingestMetrics.dlqRecordsLost.inc(records),
      }),
      metrics: ingestMetrics,
      kafkaRetryAfterSeconds: Math.ceil(settings.produceTimeoutMs / 1000),
    }),
  );
  return {
    routes,
    readiness: { name: 'producer', check: () => raw.producer.connect() },
    close: async () => {
      await Promise.all([raw.publisher.close(), dlq.publisher.close()]);
    },
  };
}
