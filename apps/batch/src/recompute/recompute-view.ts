import { readViewState } from '@lambda/views-store';
import type { View } from '@lambda/transforms';
import { executeRun, type RunContext, type RunOutcome } from './execute-run.js';
import { acquireLease, tryAcquireLease, type Lease } from './lease.js';
import { retireRuns } from './retire-runs.js';
import { recordAbandonedRuns } from './run-history.js';
import { planFullRun, planTargetedRun, type RecomputeRequest } from './run-plan.js';

export interface RecomputeSettings {
  settleDelayMs: number;
  leaseTtlSeconds: number;
  /** How long a targeted request waits for a run in progress on the same view version. */
  leaseWaitMs: number;
}

export type RecomputeContext = RunContext & { settings: RecomputeSettings };

const leaseName = (view: View) => `recompute/${view.id}/v${view.version}`;

/** A failure before a run started (lease, state or history unreadable): nothing to record. */
function failedToStart(view: View, context: RecomputeContext, error: unknown): RunOutcome {
  context.metrics.runs.inc({ view: view.id, status: 'failed' });
  context.logger.error({ err: error, view: view.id }, 'recompute could not start');
  return { status: 'failed', error };
}

async function underLease(
  view: View,
  context: RecomputeContext,
  take: typeof tryAcquireLease,
  work: (lease: Lease) => Promise<RunOutcome>,
): Promise<RunOutcome> {
  let lease: Lease | undefined;
  try {
    lease = await take({
      client: context.cassandra,
      name: leaseName(view),
      owner: `${process.pid}.${context.clock()}.${Math.random().toString(36).slice(2)}`,
      ttlSeconds: context.settings.leaseTtlSeconds,
      logger: context.logger,
    });
  } catch (error) {
    return failedToStart(view, context, error);
  }
  if (!lease) {
    context.metrics.runs.inc({ view: view.id, status: 'skipped' });
    return { status: 'skipped', reason: 'another run holds the lease on this view version' };
  }
  try {
    await recordAbandonedRuns(context.results, view, context.clock());
    return await work(lease);
  } catch (error) {
    return failedToStart(view, context, error);
  } finally {
    await lease
      .release()
      .catch((error: unknown) =>
        context.logger.warn({ err: error, view: view.id }, 'lease release failed; it will expire'),
      );
  }
}

/**
 * Recomputes every settled window of a view version and makes it what serving reads. A new
 * version has no view_state until this succeeds, so serving never sees it half backfilled.
 * Skipped when another run holds the view's lease: the schedule comes round again.
 */
export function recomputeView(view: View, context: RecomputeContext): Promise<RunOutcome> {
  return underLease(view, context, tryAcquireLease, async (lease) => {
    const previous = await readViewState(context.cassandra, view.id, view.version);
    const plan = planFullRun(view, context.clock(), context.settings.settleDelayMs);
    const outcome = await executeRun(plan, lease, context);
    if (outcome.status === 'succeeded') {
      const keep = new Set([plan.runId, ...(previous.batchRunId ? [previous.batchRunId] : [])]);
      await retireRuns({ ...context, concurrency: context.publishConcurrency }, view, keep).catch(
        (error: unknown) =>
          context.logger.warn(
            { err: error, view: view.id },
            'retiring old runs failed; the next run retries',
          ),
      );
    }
    return outcome;
  });
}

/** Recomputes a range (and optionally one key) of the run serving reads, in place. */
export function recomputeRange(
  view: View,
  request: RecomputeRequest,
  context: RecomputeContext,
): Promise<RunOutcome> {
  const waitForLease: typeof tryAcquireLease = (options) =>
    acquireLease({ ...options, waitMs: context.settings.leaseWaitMs });
  return underLease(view, context, waitForLease, async (lease) => {
    const state = await readViewState(context.cassandra, view.id, view.version);
    const plan = planTargetedRun(view, request, state, context.clock());
    if ('skip' in plan) {
      context.metrics.runs.inc({ view: view.id, status: 'skipped' });
      return { status: 'skipped', reason: plan.skip };
    }
    return executeRun(plan, lease, context);
  });
}
