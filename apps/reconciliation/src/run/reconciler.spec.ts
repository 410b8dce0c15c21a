import { createViewRegistry } from '@lambda/transforms';
import { everyKind } from '../testing/order-event.js';
import { silentLogger } from '../testing/test-stores.js';
import type { ReconcileContext } from './reconcile-view.js';
import { createReconciler } from './reconciler.js';

/** A context whose stores are down: every run fails at its first read, and is counted. */
function downContext() {
  const counted: string[] = [];
  const down = async () => {
    throw new Error('store down');
  };
  const context: Omit<ReconcileContext, 'signal'> = {
    stores: {
      cassandra: { execute: down } as never,
      results: { client: { insert: down } as never, database: 'lambda' },
    },
    repairs: { request: async () => undefined, close: async () => undefined },
    metrics: {
      runs: { inc: ({ status }: { status: string }) => counted.push(status) },
      lastRun: { set: () => undefined },
      divergence: { set: () => undefined },
      repairs: { inc: () => undefined },
    } as never,
    logger: silentLogger,
    settings: {} as never,
    clock: Date.now,
  };
  return { context, counted };
}

describe('createReconciler', () => {
  it('runs what is requested, one at a time, joining requests for a view version already waiting', async () => {
    const { context, counted } = downContext();
    const reconciler = createReconciler(createViewRegistry([everyKind]), context);
    reconciler.requestAll({ kind: 'schedule', mayRepair: true });
    // The first run is in progress: these two wait, as one.
    reconciler.request(everyKind, {
      kind: 'batch_run_completed',
      batchRunId: 'b-1',
      mayRepair: false,
    });
    reconciler.request(everyKind, {
      kind: 'batch_run_completed',
      batchRunId: 'b-2',
      mayRepair: true,
    });
    await reconciler.idle();
    expect(counted).toEqual(['failed', 'failed']);
  });

  it('takes no more requests once stopped', async () => {
    const { context, counted } = downContext();
    const reconciler = createReconciler(createViewRegistry([everyKind]), context);
    await reconciler.stop();
    reconciler.requestAll({ kind: 'schedule', mayRepair: true });
    await reconciler.idle();
    expect(counted).toEqual([]);
  });
});
