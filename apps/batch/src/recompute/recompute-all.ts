import type { ViewRegistry } from '@lambda/transforms';
import { createDeliveryIndex } from './delivery-index.js';
import type { RunOutcome } from './execute-run.js';
import { recomputeView, type RecomputeContext } from './recompute-view.js';

export interface ViewOutcome {
  viewId: string;
  version: number;
  outcome: RunOutcome;
}

/**
 * One full run per view version, one after another; a failed view does not stop the others. The
 * runs share one delivery index, so each day's re-deliveries are sorted out once, not per view.
 */
export async function recomputeAllViews(
  registry: ViewRegistry,
  context: RecomputeContext,
): Promise<ViewOutcome[]> {
  const deliveryIndex = createDeliveryIndex(context.results);
  const outcomes: ViewOutcome[] = [];
  try {
    for (const view of registry.views) {
      if (context.signal?.aborted) break;
      outcomes.push({
        viewId: view.id,
        version: view.version,
        outcome: await recomputeView(view, { ...context, deliveryIndex }),
      });
    }
  } finally {
    await deliveryIndex
      .drop()
      .catch((error: unknown) =>
        context.logger.warn({ err: error }, 'dropping the delivery index failed'),
      );
  }
  return outcomes;
}
