import { z } from 'zod';
import { apiKeysSection } from '@lambda/auth';
import {
  cassandraSection,
  clickhouseSection,
  envBool,
  envInt,
  envNumber,
  envString,
  httpSection,
  kafkaSection,
  loadConfig,
  runtimeSection,
  telemetrySection,
  type ConfigOf,
} from '@lambda/config';
import { Topics } from '@lambda/kafka';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const reconciliationSection = z
  .object({
    /** Every view version is reconciled this often, besides after each completed batch run. */
    RECONCILIATION_INTERVAL_MS: envInt(15 * MINUTE_MS, { min: 1_000 }),
    /** Unexplained divergence above this ratio is a warning (and keeps a pin). */
    RECONCILIATION_WARNING_RATIO: envNumber(0.005, { min: 0, max: 1 }),
    /** Above this: repair requests on the control topic, and the pin below. */
    RECONCILIATION_CRITICAL_RATIO: envNumber(0.02, { min: 0, max: 1 }),
    /** Pin a critically drifting view version to batch-only serving until a clean run. */
    RECONCILIATION_PIN_ON_CRITICAL: envBool(true),
    /** Windows that started this long ago or later are compared; keep below SPEED_ROW_TTL_SECONDS. */
    RECONCILIATION_LOOKBACK_MS: envInt(2 * DAY_MS, { min: MINUTE_MS }),
    RECONCILIATION_CONTROL_TOPIC: envString(Topics.control),
    RECONCILIATION_GROUP_ID: envString('lambda-reconciliation'),
    /** Keys read from Cassandra at once. */
    RECONCILIATION_READ_CONCURRENCY: envInt(16, { min: 1, max: 256 }),
    /** Most recompute requests one run publishes; beyond, ranges are merged. */
    RECONCILIATION_MAX_REPAIR_REQUESTS: envInt(20, { min: 1, max: 1_000 }),
    /** Most findings one run keeps in ClickHouse (unexplained first); the ratios count them all. */
    RECONCILIATION_MAX_FINDINGS: envInt(10_000, { min: 0 }),
  })
  .superRefine((e, ctx) => {
    if (e.RECONCILIATION_WARNING_RATIO > e.RECONCILIATION_CRITICAL_RATIO)
      ctx.addIssue({
        code: 'custom',
        path: ['RECONCILIATION_WARNING_RATIO'],
        message: `must not exceed RECONCILIATION_CRITICAL_RATIO (${e.RECONCILIATION_CRITICAL_RATIO})`,
      });
  })
  .transform((e) => ({
    intervalMs: e.RECONCILIATION_INTERVAL_MS,
    thresholds: {
      warningRatio: e.RECONCILIATION_WARNING_RATIO,
      criticalRatio: e.RECONCILIATION_CRITICAL_RATIO,
    },
    pinOnCritical: e.RECONCILIATION_PIN_ON_CRITICAL,
    lookbackMs: e.RECONCILIATION_LOOKBACK_MS,
    controlTopic: e.RECONCILIATION_CONTROL_TOPIC,
    groupId: e.RECONCILIATION_GROUP_ID,
    readConcurrency: e.RECONCILIATION_READ_CONCURRENCY,
    maxRepairRequests: e.RECONCILIATION_MAX_REPAIR_REQUESTS,
    maxFindings: e.RECONCILIATION_MAX_FINDINGS,
  }));

export type ReconciliationSettings = z.output<typeof reconciliationSection>;

const sections = {
  runtime: runtimeSection,
  http: httpSection(8085),
  telemetry: telemetrySection,
  kafka: kafkaSection,
  clickhouse: clickhouseSection,
  cassandra: cassandraSection,
  reconciliation: reconciliationSection,
  auth: apiKeysSection,
};

export type ReconciliationConfig = ConfigOf<typeof sections>;

export const loadReconciliationConfig = (): ReconciliationConfig => loadConfig(sections);
