import { z } from 'zod';
import type { RecomputeRequest } from '../recompute/run-plan.js';

const epochMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const recomputeRequested = z
  .object({
    type: z.literal('recompute_requested'),
    viewId: z.string().min(1),
    version: z.number().int().positive(),
    fromMs: epochMs,
    toMs: epochMs,
    key: z.string().min(1).optional(),
  })
  .refine((m) => m.fromMs < m.toMs, { message: 'fromMs must be before toMs', path: ['toMs'] });

export type RecomputeRequested = RecomputeRequest & { viewId: string; version: number };

/** Other services share lambda.control.v1; batch acts on recompute requests and ignores the rest. */
export type ControlMessage =
  | { kind: 'recompute'; request: RecomputeRequested }
  | { kind: 'ignored' }
  | { kind: 'invalid'; problem: string };

export function parseControlMessage(value: Buffer | null): ControlMessage {
  let json: unknown;
  try {
    json = JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    return { kind: 'invalid', problem: 'not JSON' };
  }
  if ((json as { type?: unknown } | null)?.type !== 'recompute_requested')
    return { kind: 'ignored' };
  const parsed = recomputeRequested.safeParse(json);
  if (!parsed.success)
    return {
      kind: 'invalid',
      problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  const { viewId, version, fromMs, toMs, key } = parsed.data;
  return { kind: 'recompute', request: { viewId, version, fromMs, toMs, ...(key && { key }) } };
}

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
