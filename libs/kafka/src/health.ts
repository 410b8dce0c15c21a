import type { Kafka } from 'kafkajs';
import type { KafkaConfig } from '@lambda/config';
import { createKafka, type KafkaClientOptions } from './client.js';
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

/** A client with its readiness probe, as `connectStores` (libs/stores) takes it. */
export function kafkaConnection(config: KafkaConfig, options: KafkaClientOptions) {
  const client = createKafka(config, options);
  const readiness = kafkaReadiness(client);
  return { client, readiness, close: () => readiness.close() };
}
