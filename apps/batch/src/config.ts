import { z } from 'zod';
import {
  cassandraSection,
  clickhouseSection,
  envInt,
  envString,
  httpSection,
  kafkaSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
  type ConfigOf,
} from '@lambda/config';
import { Topics } from '@lambda/kafka';

const HOUR_MS = 3_600_000;

export const batchSection = z
  .object({
    /** Windows that ended at least this long ago are settled and recomputed by batch. */
    BATCH_SETTLE_DELAY_MS: envInt(HOUR_MS),
    /** The archiver inserts once this many rows are buffered… */
    BATCH_ARCHIVE_MAX_ROWS: envInt(10_000, { min: 1 }),
    /** …or once the oldest buffered row waited this long. */
    BATCH_ARCHIVE_MAX_WAIT_MS: envInt(1_000, { min: 1 }),
    /** Kafka partitions one archiver handles at once; their batches share inserts. */
    BATCH_ARCHIVE_CONCURRENCY: envInt(6, { min: 1, max: 1024 }),
    BATCH_ARCHIVE_GROUP_ID: envString('lambda-batch-archive'),
    /** How soon the group notices a dead archiver and hands its partitions to another. */
    BATCH_ARCHIVE_SESSION_TIMEOUT_MS: envInt(30_000, { min: 6_000 }),
    BATCH_CONTROL_GROUP_ID: envString('lambda-batch-control'),
    BATCH_EVENTS_TOPIC: envString(Topics.eventsRaw),
    BATCH_DLQ_TOPIC: envString(Topics.eventsDlq),
    BATCH_CONTROL_TOPIC: envString(Topics.control),
    /** A recompute's lease on its view version expires this long after its last renewal. */
    BATCH_LEASE_TTL_SECONDS: envInt(300, { min: 10 }),
    /** How long a requested recompute waits for a running one on the same view version. */
    BATCH_LEASE_WAIT_MS: envInt(600_000),
    /** Cassandra writes in flight while publishing a run. */
    BATCH_PUBLISH_CONCURRENCY: envInt(64, { min: 1, max: 1024 }),
    /** Source rows one recompute query aggregates at most: bounds ClickHouse memory per query. */
    BATCH_COMPUTE_CHUNK_ROWS: envInt(2_000_000, { min: 1 }),
    /** ClickHouse request timeout for the recompute queries over the whole history. */
    BATCH_QUERY_TIMEOUT_MS: envInt(600_000, { min: 1_000 }),
    /** In `serve` mode, also recompute every view this often; 0 leaves scheduling to the CronJob. */
    BATCH_RECOMPUTE_INTERVAL_MS: envInt(0),
  })
  .transform((e) => ({
    settleDelayMs: e.BATCH_SETTLE_DELAY_MS,
    archive: {
      maxRows: e.BATCH_ARCHIVE_MAX_ROWS,
      maxWaitMs: e.BATCH_ARCHIVE_MAX_WAIT_MS,
      concurrency: e.BATCH_ARCHIVE_CONCURRENCY,
      groupId: e.BATCH_ARCHIVE_GROUP_ID,
      sessionTimeoutMs: e.BATCH_ARCHIVE_SESSION_TIMEOUT_MS,
    },
    controlGroupId: e.BATCH_CONTROL_GROUP_ID,
    topics: {
      events: e.BATCH_EVENTS_TOPIC,
      dlq: e.BATCH_DLQ_TOPIC,
      control: e.BATCH_CONTROL_TOPIC,
    },
    leaseTtlSeconds: e.BATCH_LEASE_TTL_SECONDS,
    leaseWaitMs: e.BATCH_LEASE_WAIT_MS,
    publishConcurrency: e.BATCH_PUBLISH_CONCURRENCY,
    computeChunkRows: e.BATCH_COMPUTE_CHUNK_ROWS,
    queryTimeoutMs: e.BATCH_QUERY_TIMEOUT_MS,
    recomputeIntervalMs: e.BATCH_RECOMPUTE_INTERVAL_MS,
  }));

const sections = {
  runtime: runtimeSection,
  http: httpSection(8084),
  telemetry: telemetrySection,
  kafka: kafkaSection,
  clickhouse: clickhouseSection,
  cassandra: cassandraSection,
  batch: batchSection,
};

export type BatchConfig = ConfigOf<typeof sections>;

export const loadBatchConfig = (): BatchConfig => loadConfig(sections);
