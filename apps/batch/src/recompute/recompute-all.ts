import type { ViewRegistry } from '@lambda/transforms';
import type { RunOutcome } from './execute-run.js';
import { recomputeView, type RecomputeContext } from './recompute-view.js';

export interface ViewOutcome {
  viewId: string;
  version: number;
  outcome: RunOutcome;
}

/** One full run per view version, one after another; a failed view does not stop the others. */
export async function recomputeAllViews(
  registry: ViewRegistry,
  context: RecomputeContext,
): Promise<ViewOutcome[]> {
  const outcomes: ViewOutcome[] = [];
  for (const view of registry.views) {
    if (context.signal?.aborted) break;
    outcomes.push({
      viewId: view.id,
      version: view.version,
      outcome: await recomputeView(view, context),
    });
  }
  return outcomes;
}
