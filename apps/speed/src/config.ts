import { z } from 'zod';
import {
  cassandraSection,
  envInt,
  envString,
  httpSection,
  kafkaSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
} from '@lambda/config';

const speedSection = z
  .object({
    SPEED_GROUP_ID: envString('lambda-speed'),
    SPEED_EVENTS_TOPIC: envString('events.raw.v1'),
    SPEED_DLQ_TOPIC: envString('events.dlq.v1'),
    SPEED_ALLOWED_LATENESS_MS: envInt(600_000),
    SPEED_ROW_TTL_SECONDS: envInt(259_200, { min: 60 }),
    SPEED_PARTITIONS_CONCURRENTLY: envInt(3, { min: 1, max: 64 }),
    SPEED_WRITE_CONCURRENCY: envInt(64, { min: 1, max: 1024 }),
    SPEED_SESSION_TIMEOUT_MS: envInt(30_000, { min: 6000 }),
    SPEED_MAX_BATCH_BYTES: envInt(4_194_304, { min: 16_384 }),
  })
  .transform((e) => ({
    groupId: e.SPEED_GROUP_ID,
    eventsTopic: e.SPEED_EVENTS_TOPIC,
    dlqTopic: e.SPEED_DLQ_TOPIC,
    allowedLatenessMs: e.SPEED_ALLOWED_LATENESS_MS,
    rowTtlSeconds: e.SPEED_ROW_TTL_SECONDS,
    partitionsConcurrently: e.SPEED_PARTITIONS_CONCURRENTLY,
    writeConcurrency: e.SPEED_WRITE_CONCURRENCY,
    sessionTimeoutMs: e.SPEED_SESSION_TIMEOUT_MS,
    maxBatchBytes: e.SPEED_MAX_BATCH_BYTES,
  }));

export const loadSpeedConfig = () =>
  loadConfig({
    runtime: runtimeSection,
    http: httpSection(8083),
    telemetry: telemetrySection,
    kafka: kafkaSection,
    cassandra: cassandraSection,
    speed: speedSection,
  });

export type SpeedConfig = ReturnType<typeof loadSpeedConfig>;
export type SpeedSettings = SpeedConfig['speed'];
