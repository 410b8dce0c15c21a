import type { View, ViewRegistry } from '@lambda/transforms';
import { reconcileView, type ReconcileContext } from './reconcile-view.js';
import type { RunRecord, Trigger } from './run-record.js';

export interface Reconciler {
  /**
   * Queues a reconciliation of one view version. Runs go one at a time; a request for a view
   * version already waiting joins it (and may repair if either request may).
   */
  request(view: View, trigger: Trigger): void;
  requestAll(trigger: Trigger): void;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
  /** Stops taking requests, interrupts the run in progress and waits for it. */
  stop(): Promise<void>;
}

const merged = (waiting: Trigger, next: Trigger): Trigger => ({
  ...(next.mayRepair || !waiting.mayRepair ? next : waiting),
  mayRepair: waiting.mayRepair || next.mayRepair,
});

export function createReconciler(
  registry: ViewRegistry,
  context: Omit<ReconcileContext, 'signal'>,
  { onRun }: { onRun?: (run: RunRecord) => void } = {},
): Reconciler {
  const shutdown = new AbortController();
  const waiting = new Map<string, { view: View; trigger: Trigger }>();
  let draining: Promise<void> | undefined;

  async function drain() {
    for (const [id, { view, trigger }] of waiting) {
      if (shutdown.signal.aborted) return;
      waiting.delete(id);
      // Not inside `onRun?.(…)`: an optional call skips evaluating its arguments when absent.
      const run = await reconcileView(view, trigger, { ...context, signal: shutdown.signal });
      onRun?.(run);
    }
  }

  function kick() {
    if (draining || shutdown.signal.aborted) return;
    draining = drain().finally(() => {
      draining = undefined;
      if (waiting.size > 0) kick();
    });
  }

  const request = (view: View, trigger: Trigger) => {
    if (shutdown.signal.aborted) return;
    const id = `${view.id}@${view.version}`;
    const before = waiting.get(id);
    waiting.set(id, { view, trigger: before ? merged(before.trigger, trigger) : trigger });
    kick();
  };

  return {
    request,
    requestAll: (trigger) => registry.views.forEach((view) => request(view, trigger)),
    async idle() {
      while (draining) await draining;
    },
    async stop() {
      shutdown.abort();
      waiting.clear();
      await draining;
    },
  };
}
