import { z } from 'zod';
import { describeIssues, jsonValue, typeOf } from './json-value.js';
import { epochMs } from './recompute-requested.js';

/** Announced on lambda.control.v1 once a run's rows are what serving reads. */
export interface BatchRunCompleted {
  type: 'batch_run_completed';
  runId: string;
  /** The batch_view run id the rows live under: the run's own, or for a targeted run the current one. */
  publishedRunId: string;
  kind: 'full' | 'targeted';
  viewId: string;
  version: number;
  watermarkMs: number;
  windowFromMs: number;
  windowToMs: number;
  rows: number;
  key?: string;
}

const batchRunCompleted = z.object({
  type: z.literal('batch_run_completed'),
  runId: z.string().min(1),
  publishedRunId: z.string().min(1),
  kind: z.enum(['full', 'targeted']),
  viewId: z.string().min(1),
  version: z.number().int().positive(),
  watermarkMs: epochMs,
  windowFromMs: epochMs,
  windowToMs: epochMs,
  rows: z.number().int().min(0),
  key: z.string().min(1).optional(),
});

export type RunCompletedMessage =
  | { kind: 'completed'; run: BatchRunCompleted }
  | { kind: 'ignored' }
  | { kind: 'invalid'; problem: string };

/** Reads a `batch_run_completed` announcement; every other message of the topic is ignored. */
export function parseRunCompleted(value: Buffer | null): RunCompletedMessage {
  const json = jsonValue(value);
  if (json === undefined) return { kind: 'invalid', problem: 'not JSON' };
  if (typeOf(json) !== 'batch_run_completed') return { kind: 'ignored' };
  const parsed = batchRunCompleted.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', problem: describeIssues(parsed.error.issues) };
  const { key, ...run } = parsed.data;
  return { kind: 'completed', run: { ...run, ...(key && { key }) } };
}
