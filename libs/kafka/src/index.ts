/**
 * Everything the platform does with Kafka, behind one small surface so kafkajs could be swapped
 * for a KafkaJS-compatible client without touching the apps.
 */
export { createKafka } from './client.js';
export type { Kafka, KafkaClientOptions } from './client.js';
export { Topics, platformTopics, ensureTopics } from './topics.js';
export type { TopicSpec } from './topics.js';
export { createEventProducer } from './producer.js';
export type { EventProducer, OutgoingMessage, PublishedOffset } from './producer.js';
export { createBatchConsumer } from './consumer.js';
export type {
  BatchConsumer,
  BatchConsumerOptions,
  ConsumedBatch,
  ConsumedMessage,
} from './consumer.js';
export { kafkaConnection, kafkaReadiness } from './health.js';
export { deadLetterFor } from './dead-letter.js';
export type { DeadLetter } from './dead-letter.js';
export { kafkaError } from './errors.js';
