import { z } from 'zod';
import { describeIssues, jsonValue, typeOf } from './json-value.js';

export const epochMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

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

/** A request to recompute the windows of [fromMs, toMs) of one view version, optionally one key. */
export interface RecomputeRequested {
  viewId: string;
  version: number;
  fromMs: number;
  toMs: number;
  key?: string;
}

/** Who asked and why: not read by batch, kept for whoever audits the topic. */
export interface RequestOrigin {
  requestedBy: string;
  reason?: string;
  /** The requester's own id for the work that led to the request, e.g. a reconciliation run. */
  origin?: string;
}

/** The value of a `recompute_requested` message. */
export function recomputeRequestedMessage(
  request: RecomputeRequested,
  origin: RequestOrigin,
): string {
  return JSON.stringify({ type: 'recompute_requested', ...request, ...origin });
}

/** Other services share lambda.control.v1; batch acts on recompute requests and ignores the rest. */
export type ControlMessage =
  | { kind: 'recompute'; request: RecomputeRequested }
  | { kind: 'ignored' }
  | { kind: 'invalid'; problem: string };

export function parseControlMessage(value: Buffer | null): ControlMessage {
  const json = jsonValue(value);
  if (json === undefined) return { kind: 'invalid', problem: 'not JSON' };
  if (typeOf(json) !== 'recompute_requested') return { kind: 'ignored' };
  const parsed = recomputeRequested.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', problem: describeIssues(parsed.error.issues) };
  const { viewId, version, fromMs, toMs, key } = parsed.data;
  return { kind: 'recompute', request: { viewId, version, fromMs, toMs, ...(key && { key }) } };
}
