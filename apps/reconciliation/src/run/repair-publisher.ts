import { recomputeRequestedMessage } from '@lambda/control';
import type { EventProducer } from '@lambda/kafka';
import type { View } from '@lambda/transforms';
import type { RepairRange } from '../verdict/coalesce-windows.js';

export interface RepairPublisher {
  /** Publishes one recompute request per range; resolves once Kafka acknowledged them all. */
  request(
    view: View,
    ranges: readonly RepairRange[],
    why: { runId: string; reason: string },
  ): Promise<void>;
  close(): Promise<void>;
}

/** Connects on first use, so reconciliation keeps reporting while Kafka is away. */
export function createRepairPublisher(producer: EventProducer, topic: string): RepairPublisher {
  let connected: Promise<void> | undefined;
  return {
    async request(view, ranges, { runId, reason }) {
      if (ranges.length === 0) return;
      try {
        await (connected ??= producer.connect());
      } catch (error) {
        connected = undefined;
        throw error;
      }
      await producer.send(
        topic,
        ranges.map((range) => ({
          key: view.id,
          value: recomputeRequestedMessage(
            { viewId: view.id, version: view.version, ...range },
            { requestedBy: 'reconciliation', reason, origin: runId },
          ),
        })),
      );
    },
    close: async () => {
      if (connected) await producer.disconnect();
    },
  };
}
