import type { Kafka } from 'kafkajs';
import { kafkaError } from './errors.js';

/** A readiness probe: one metadata round trip to the cluster through a long-lived admin client. */
export function kafkaReadiness(kafka: Kafka) {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  return {
    name: 'kafka',
    async check() {
      try {
        connected ??= admin.connect();
        await connected;
        await admin.describeCluster();
      } catch (error) {
        connected = undefined;
        throw kafkaError('describe cluster', error);
      }
    },
    close: () => admin.disconnect(),
  };
}
