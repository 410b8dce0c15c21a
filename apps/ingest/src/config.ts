import { z } from 'zod';
import { apiKeysSection } from '@lambda/auth';
import {
  type Env,
  envInt,
  envString,
  httpSection,
  kafkaSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
} from '@lambda/config';
import { Topics } from '@lambda/kafka';

const MIB = 1024 * 1024;

/** Limits of one request and of the events waiting for Kafka; topics are settable for tests. */
const ingestSection = z
  .object({
    INGEST_MAX_EVENTS: envInt(1000, { min: 1, max: 100_000 }),
    INGEST_MAX_BODY_BYTES: envInt(MIB, { min: 1024, max: 64 * MIB }),
    INGEST_PRODUCE_TIMEOUT_MS: envInt(5000, { min: 100, max: 120_000 }),
    INGEST_MAX_IN_FLIGHT_EVENTS: envInt(50_000, { min: 1 }),
    INGEST_RAW_TOPIC: envString(Topics.eventsRaw),
    INGEST_DLQ_TOPIC: envString(Topics.eventsDlq),
  })
  .refine((e) => e.INGEST_MAX_IN_FLIGHT_EVENTS >= e.INGEST_MAX_EVENTS, {
    path: ['INGEST_MAX_IN_FLIGHT_EVENTS'],
    message: 'must be at least INGEST_MAX_EVENTS, or a full request could never be accepted',
  })
  .transform((e) => ({
    maxEvents: e.INGEST_MAX_EVENTS,
    maxBodyBytes: e.INGEST_MAX_BODY_BYTES,
    produceTimeoutMs: e.INGEST_PRODUCE_TIMEOUT_MS,
    maxInFlightEvents: e.INGEST_MAX_IN_FLIGHT_EVENTS,
    rawTopic: e.INGEST_RAW_TOPIC,
    dlqTopic: e.INGEST_DLQ_TOPIC,
  }));

export type IngestSettings = z.output<typeof ingestSection>;

export const loadIngestConfig = (env: Env = process.env) =>
  loadConfig(
    {
      runtime: runtimeSection,
      http: httpSection(8081),
      telemetry: telemetrySection,
      kafka: kafkaSection,
      ingest: ingestSection,
      auth: apiKeysSection,
    },
    env,
  );

export type IngestConfig = ReturnType<typeof loadIngestConfig>;
