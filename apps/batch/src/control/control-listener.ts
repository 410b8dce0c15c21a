import { parseControlMessage } from '@lambda/control';
import { createBatchConsumer, type BatchConsumer, type Kafka } from '@lambda/kafka';
import type { Logger } from '@lambda/telemetry';
import type { View, ViewRegistry } from '@lambda/transforms';
import type { RunOutcome } from '../recompute/execute-run.js';
import type { RecomputeRequest } from '../recompute/run-plan.js';

export interface ControlListenerOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  registry: ViewRegistry;
  logger: Logger;
  /** The consumer stopped for good: see BatchConsumerOptions. */
  onStoppedForGood(error: unknown): void;
  recompute(view: View, request: RecomputeRequest): Promise<RunOutcome>;
}

/**
 * Acts on `recompute_requested` messages, one at a time. A failed run is recorded in batch_runs
 * and the message is still committed: the requester (reconciliation) asks again if drift remains.
 */
export function createControlListener(options: ControlListenerOptions): BatchConsumer {
  const { registry, logger } = options;
  return createBatchConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [options.topic],
    logger,
    onStoppedForGood: options.onStoppedForGood,
    handleBatch: async ({ messages }) => {
      for (const message of messages) {
        const parsed = parseControlMessage(message.value);
        if (parsed.kind === 'invalid')
          logger.warn(
            { problem: parsed.problem, offset: message.offset },
            'invalid control message',
          );
        if (parsed.kind !== 'recompute') continue;
        const { viewId, version, ...request } = parsed.request;
        const view = registry.find(viewId, version);
        if (!view) {
          logger.warn({ viewId, version }, 'recompute requested for an unknown view version');
          continue;
        }
        const outcome = await options.recompute(view, request);
        logger.info(
          { viewId, version, ...request, status: outcome.status },
          'requested recompute done',
        );
      }
    },
  });
}
