import { z } from 'zod';
import { RUN_STATUSES } from '../run/run-record.js';

/** The answers of the reconciliation API, from which /openapi.json is built. */

const instant = z.iso.datetime().describe('UTC instant, ISO-8601.');
const exactInteger = z
  .number()
  .describe(
    'An exact integer (a stored measure value or a difference of two). Written with every digit; values beyond 2^53 need a big-integer aware JSON parser.',
  );
const ratio = z
  .number()
  .min(0)
  .describe('Σ over the compared windows of the difference, divided by Σ |batch|.');

const measureDivergence = z.object({
  measure: z.string(),
  total: ratio.describe('Σ|speed − batch| / Σ|batch|.'),
  explained: ratio.describe(
    'The part late-dropped events and windows speed no longer holds account for.',
  ),
  unexplained: ratio.describe(
    'Σ|speed with its late events − batch| / Σ|batch|: what nothing accounts for. Alerts and thresholds are on this.',
  ),
  divergingWindows: z.int().min(0),
  unexplainedWindows: z.int().min(0),
});

export const runSummary = z.object({
  runId: z.string(),
  view: z.string(),
  version: z.int().min(1),
  trigger: z.enum(['schedule', 'batch_run_completed']),
  triggerBatchRunId: z.string().nullable(),
  status: z.enum(RUN_STATUSES as ['succeeded', 'failed', 'skipped']),
  startedAt: instant,
  finishedAt: instant,
  batchRunId: z.string().nullable().describe('The published batch run compared against.'),
  batchWatermark: instant.nullable(),
  from: instant.nullable().describe('First window start compared (inclusive).'),
  to: instant.nullable().describe('Compared windows start before this (the batch watermark).'),
  windowsCompared: z.int().min(0),
  severity: z
    .enum(['ok', 'warning', 'critical'])
    .nullable()
    .describe('From the worst unexplained ratio against the thresholds; null unless succeeded.'),
  measures: z.array(measureDivergence),
  repairsRequested: z.int().min(0),
  pinAction: z.enum(['pinned', 'unpinned']).nullable(),
  findings: z.object({
    total: z.int().min(0),
    stored: z.int().min(0).describe('Findings kept in ClickHouse (unexplained first).'),
  }),
  error: z.string().nullable().describe('Why the run failed or was skipped.'),
});

const finding = z.object({
  kind: z
    .enum(['late', 'missing_speed', 'unexplained'])
    .describe(
      'late: the window\u2019s late-dropped events account for the difference; missing_speed: speed holds no row of the window (expired); unexplained: anything else.',
    ),
  speed: exactInteger.nullable(),
  batch: exactInteger.nullable(),
  expected: exactInteger.nullable().describe('Speed with the late-dropped events applied.'),
  lateEvents: z.int().min(0),
  divergence: exactInteger,
  explained: exactInteger,
  unexplained: exactInteger,
});

const affectedWindow = z.object({
  key: z.string(),
  start: instant,
  end: instant,
  measures: z.record(z.string(), finding).describe('The diverging measures of the window.'),
});

export const run = runSummary.extend({
  affectedWindows: z.array(affectedWindow).describe('Unexplained windows first.'),
  affectedWindowCount: z.int().min(0),
});

export const runsPage = z.object({
  runs: z.array(run).describe('Newest first.'),
  next: z.string().nullable().describe('Pass as `before` for the next page; null on the last.'),
});

const viewStatus = z.object({
  view: z.string(),
  version: z.int().min(1),
  batchRunId: z.string().nullable(),
  batchWatermark: instant.nullable(),
  pinnedToBatch: z
    .boolean()
    .describe('Serving answers only settled windows (batch) of this version until unpinned.'),
  pinnedReason: z.string().nullable(),
  lastRun: runSummary.nullable(),
  lastSucceededRun: runSummary.nullable(),
});

export const status = z.object({
  thresholds: z.object({ warningRatio: z.number(), criticalRatio: z.number() }),
  intervalMs: z.int(),
  lookbackMs: z.int(),
  pinOnCritical: z.boolean(),
  lastRunAt: instant.nullable().describe('When a run last completed (succeeded or skipped).'),
  views: z.array(viewStatus),
});

export const problem = z.looseObject({
  type: z.string().describe('urn:lambda:problem:<code>'),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
});

export type RunSummaryJson = z.input<typeof runSummary>;
export type RunJson = z.input<typeof run>;
export type StatusJson = z.input<typeof status>;
