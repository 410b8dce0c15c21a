import { parseRunCompleted } from '@lambda/control';
import { createBatchConsumer, type BatchConsumer, type Kafka } from '@lambda/kafka';
import type { Logger } from '@lambda/telemetry';
import type { ViewRegistry } from '@lambda/transforms';
import type { Reconciler } from '../run/reconciler.js';

export interface RunListenerOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  registry: ViewRegistry;
  reconciler: Reconciler;
  logger: Logger;
  /** The consumer stopped for good: see BatchConsumerOptions. */
  onStoppedForGood(error: unknown): void;
}

/**
 * Queues a reconciliation of the view version of every `batch_run_completed` on the control topic.
 * The message is committed once queued, not once reconciled: a run can outlast the consumer's
 * session, and the schedule reconciles anything a crash dropped. A new group starts at the end
 * of the topic; earlier runs are the schedule's business.
 */
export function createRunListener(options: RunListenerOptions): BatchConsumer {
  const { registry, reconciler, logger } = options;
  const listener = createBatchConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [options.topic],
    logger,
    fromBeginning: false,
    onStoppedForGood: options.onStoppedForGood,
    handleBatch: async ({ messages }) => {
      for (const message of messages) {
        const parsed = parseRunCompleted(message.value);
        if (parsed.kind === 'invalid')
          logger.warn(
            { problem: parsed.problem, offset: message.offset },
            'invalid control message',
          );
        if (parsed.kind !== 'completed') continue;
        const { viewId, version, runId, kind } = parsed.run;
        const view = registry.find(viewId, version);
        if (!view) {
          logger.warn(
            { viewId, version, runId },
            'completed run of a view version not reconciled here',
          );
          continue;
        }
        reconciler.request(view, {
          kind: 'batch_run_completed',
          batchRunId: runId,
          mayRepair: kind === 'full',
        });
      }
    },
  });
  const { consumer } = listener;
  consumer.on(consumer.events.GROUP_JOIN, () =>
    logger.info(
      { groupId: options.groupId, topic: options.topic },
      'listening for completed batch runs',
    ),
  );
  return listener;
}
