import type { ServiceContext } from '@lambda/service';
import { shippedViews } from '@lambda/transforms';
import type { BatchConfig } from '../config.js';
import { createControlListener } from '../control/control-listener.js';
import { recomputeAllViews } from '../recompute/recompute-all.js';
import { recomputeRange } from '../recompute/recompute-view.js';
import { createSerialQueue } from '../recompute/serial-queue.js';
import { recomputeContext, startBatchService } from './batch-service.js';

/** `batch recompute`: one full run of every shipped view version, then exit (the CronJob). */
export async function recomputeOnce(context: ServiceContext, config: BatchConfig) {
  const service = await startBatchService(context, config);
  const shutdown = new AbortController();
  const runs = recomputeAllViews(
    shippedViews,
    recomputeContext(context, config, service, shutdown.signal),
  );
  context.lifecycle.onStop('recompute', async () => {
    shutdown.abort();
    await runs;
  });
  void runs.then(async (outcomes) => {
    const failed = outcomes.filter(({ outcome }) => outcome.status === 'failed');
    context.logger.info(
      {
        outcomes: outcomes.map(({ viewId, version, outcome }) => ({
          viewId,
          version,
          status: outcome.status,
        })),
      },
      'recompute finished',
    );
    await context.lifecycle.stop('recompute finished');
    process.exit(failed.length > 0 ? 1 : 0);
  });
}

/**
 * `batch serve` (the default): acts on recompute requests from lambda.control.v1 and, when
 * BATCH_RECOMPUTE_INTERVAL_MS is set, also recomputes everything on that schedule.
 */
export async function serve(context: ServiceContext, config: BatchConfig) {
  const service = await startBatchService(context, config);
  const shutdown = new AbortController();
  const runContext = recomputeContext(context, config, service, shutdown.signal);
  const serially = createSerialQueue();
  const listener = createControlListener({
    kafka: service.kafka,
    topic: config.batch.topics.control,
    groupId: config.batch.controlGroupId,
    registry: shippedViews,
    logger: context.logger,
    onStoppedForGood: (error) => context.fail('control listener stopped for good', error),
    recompute: (view, request) => serially(() => recomputeRange(view, request, runContext)),
  });
  const schedule =
    config.batch.recomputeIntervalMs > 0
      ? setInterval(
          () => void serially(() => recomputeAllViews(shippedViews, runContext)),
          config.batch.recomputeIntervalMs,
        )
      : undefined;
  await listener.start();
  context.lifecycle.onStop('recompute', async () => {
    clearInterval(schedule);
    shutdown.abort();
    await listener.stop();
    await serially(async () => undefined);
  });
}
