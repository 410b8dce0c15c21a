import { Writable } from 'node:stream';
import { mintApiKey, type MintedApiKey } from '@lambda/auth';
import { kafkaSection, loadConfig } from '@lambda/config';
import { createHttpApp, startHttpServer } from '@lambda/http';
import { createKafka, type Kafka } from '@lambda/kafka';
import { createLogger, createMetrics, startTracing, type Metrics } from '@lambda/telemetry';
import type { IngestSettings } from '../config.js';
import { createIngest } from '../ingest.js';
import { createTestTopics } from './test-topics.js';

export const silentLogger = createLogger({
  service: 'ingest-spec',
  level: 'error',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

export interface TestIngest {
  url: string;
  kafka: Kafka;
  metrics: Metrics;
  settings: IngestSettings;
  keys: { writer: MintedApiKey; reader: MintedApiKey; slow: MintedApiKey };
  /** POSTs a body to /v1/events as `writer` unless told otherwise. */
  post(
    body: string | Buffer,
    options?: { contentType?: string; token?: string },
  ): Promise<Response>;
  stop(): Promise<void>;
}

/** Ingest in this process on an ephemeral port, against the real Kafka, with topics of its own. */
export async function startTestIngest(
  name: string,
  settings: Partial<IngestSettings> = {},
): Promise<TestIngest> {
  const tracing = startTracing({ serviceName: 'ingest-spec' });
  const kafka = createKafka(loadConfig({ kafka: kafkaSection }).kafka, { logger: silentLogger });
  const topics = await createTestTopics(kafka, name);
  const keys = {
    writer: mintApiKey({ id: 'writer', scopes: ['events:write'], ratePerSecond: 1e6 }),
    reader: mintApiKey({ id: 'reader', scopes: ['views:read'] }),
    slow: mintApiKey({ id: 'slow', scopes: ['events:write'], ratePerSecond: 1 }),
  };
  const fullSettings: IngestSettings = {
    maxEvents: 1000,
    maxBodyBytes: 1024 * 1024,
    produceTimeoutMs: 5000,
    maxInFlightEvents: 50_000,
    ...topics,
    ...settings,
  };
  const metrics = createMetrics({ prefix: 'lambda_ingest_' });
  const ingest = createIngest({
    kafka,
    settings: fullSettings,
    auth: { keys: Object.values(keys).map((key) => key.entry), usesDevelopmentKey: false },
    logger: silentLogger,
    metrics,
  });
  const app = createHttpApp({
    serviceName: 'ingest',
    logger: silentLogger,
    metrics,
    readiness: [ingest.readiness],
    routes: ingest.routes,
  });
  const server = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
  return {
    url: server.url,
    kafka,
    metrics,
    settings: fullSettings,
    keys,
    post: (body, { contentType = 'application/json', token = keys.writer.token } = {}) =>
      fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
        body,
      }),
    async stop() {
      await server.close();
      await ingest.close();
      await topics.remove();
      await tracing.shutdown();
    },
  };
}
