import type { ClickHouseClient } from '@lambda/clickhouse';
import { insertRows } from '@lambda/clickhouse';
import { retry } from '@lambda/errors';
import {
  createBatchConsumer,
  deadLetterFor,
  type BatchConsumer,
  type ConsumedBatch,
  type EventProducer,
  type Kafka,
} from '@lambda/kafka';
import type { Logger } from '@lambda/telemetry';
import type { BatchConfig } from '../config.js';
import type { BatchMetrics } from '../metrics.js';
import { decodeDelivery } from './decode-delivery.js';
import { createInsertBuffer } from './insert-buffer.js';

export interface ArchiverOptions {
  kafka: Kafka;
  clickhouse: ClickHouseClient;
  dlq: EventProducer;
  config: BatchConfig['batch'];
  metrics: BatchMetrics;
  logger: Logger;
  /** The consumer stopped for good: see BatchConsumerOptions. */
  onStoppedForGood(error: unknown): void;
}

/**
 * Sinks the event log into the master dataset at least once: a batch's offsets are committed only
 * after its rows are inserted and its rejects are on the DLQ. A replay inserts the same deliveries
 * again, which every read deduplicates by event_id.
 */
export function createArchiver({
  kafka,
  clickhouse,
  dlq,
  config,
  metrics,
  logger,
  onStoppedForGood,
}: ArchiverOptions): BatchConsumer {
  const buffer = createInsertBuffer({
    maxRows: config.archive.maxRows,
    maxWaitMs: config.archive.maxWaitMs,
    flush: async (rowsByTable) => {
      for (const [table, rows] of rowsByTable)
        await retry(() => insertRows(clickhouse, table, rows), {
          onRetry: (error, attempt) =>
            logger.warn({ err: error, table, attempt }, 'archive insert failed; retrying'),
        });
    },
  });

  async function handleBatch(batch: ConsumedBatch) {
    const decoded = batch.messages.map((message) => ({
      message,
      delivery: decodeDelivery(message),
    }));
    const rows = decoded.flatMap(({ delivery }) =>
      delivery.ok ? [{ table: delivery.table, row: delivery.row }] : [],
    );
    const rejects = decoded.flatMap(({ message, delivery }) =>
      delivery.ok
        ? []
        : [
            deadLetterFor(message, {
              source: 'batch-archive',
              reason: delivery.reason,
              issues: delivery.issues,
            }),
          ],
    );
    await Promise.all([
      buffer.add(rows),
      rejects.length > 0 ? dlq.send(config.topics.dlq, rejects) : undefined,
    ]);
    metrics.archiveEvents.inc({ outcome: 'archived' }, rows.length);
    metrics.archiveEvents.inc({ outcome: 'rejected' }, rejects.length);
    const lastOffset = BigInt(batch.messages[batch.messages.length - 1]?.offset ?? -1);
    const lag = BigInt(batch.highWatermark) - lastOffset - 1n;
    metrics.archiveLag.set({ partition: String(batch.partition) }, Number(lag > 0n ? lag : 0n));
  }

  return createBatchConsumer({
    kafka,
    groupId: config.archive.groupId,
    topics: [config.topics.events],
    logger,
    partitionsConsumedConcurrently: config.archive.concurrency,
    sessionTimeoutMs: config.archive.sessionTimeoutMs,
    onStoppedForGood,
    handleBatch,
  });
}
