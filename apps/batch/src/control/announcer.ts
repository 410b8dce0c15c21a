import type { EventProducer } from '@lambda/kafka';
import type { BatchRunCompleted } from '@lambda/control';

/**
 * Publishes completed runs on the control topic. Connects on first use, so a recompute still runs
 * (and only its announcement fails) while Kafka is away.
 */
export function createAnnouncer(producer: EventProducer, topic: string) {
  let connected: Promise<void> | undefined;
  return {
    async announce(message: BatchRunCompleted) {
      try {
        await (connected ??= producer.connect());
      } catch (error) {
        connected = undefined;
        throw error;
      }
      await producer.send(topic, [{ key: message.viewId, value: JSON.stringify(message) }]);
    },
    close: async () => {
      if (connected) await producer.disconnect();
    },
  };
}
