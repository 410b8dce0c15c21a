import type { Kafka } from 'kafkajs';
import { kafkaError } from './errors.js';

/** The platform's topics. Versioned names: a breaking change gets a new topic, not a new meaning. */
export const Topics = {
  eventsRaw: 'events.raw.v1',
  eventsDlq: 'events.dlq.v1',
  control: 'lambda.control.v1',
} as const;

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor?: number;
  configEntries?: { name: string; value: string }[];
}

export function platformTopics({
  partitions,
  replicationFactor = 1,
}: {
  partitions: number;
  replicationFactor?: number;
}): TopicSpec[] {
  return [
    // The immutable log: kept forever; batch can always recompute from it.
    {
      topic: Topics.eventsRaw,
      numPartitions: partitions,
      replicationFactor,
      configEntries: [{ name: 'retention.ms', value: '-1' }],
    },
    { topic: Topics.eventsDlq, numPartitions: 1, replicationFactor },
    { topic: Topics.control, numPartitions: 1, replicationFactor },
  ];
}

/** Creates missing topics and waits for their leaders; existing topics are left as they are. */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    return missing.map((spec) => spec.topic);
  } catch (error) {
    throw kafkaError('create topics', error, { topics: specs.map((s) => s.topic) });
  } finally {
    await admin.disconnect();
  }
}
