import { createHash } from 'node:crypto';
import { insertRows, type ClickHouseClient } from '@lambda/clickhouse';
import { masterTableName, parseEvent, toMasterRow, type ParsedEvent } from '@lambda/schemas';
import type { StreamItem } from '@lambda/testing';

/** One delivery of an event, where Kafka would have put it. */
export interface Delivery {
  event: ParsedEvent;
  kafkaPartition: number;
  kafkaOffset: number;
}

/** Like Kafka's keyed partitioner: one order always lands in one partition. */
const partitionOf = (orderId: string, partitions: number) =>
  createHash('sha256').update(orderId).digest().readUInt32BE(0) % partitions;

/** The stream's events (re-deliveries included) as Kafka would have delivered them. */
export function deliveriesOf(items: readonly StreamItem[], partitions = 3): Delivery[] {
  const nextOffset = Array.from({ length: partitions }, () => 0);
  return items.flatMap((item) => {
    if (item.kind === 'malformed') return [];
    const parsed = parseEvent(item.document);
    if (!parsed.ok) return [];
    const kafkaPartition = partitionOf(item.document.order_id, partitions);
    return [{ event: parsed.event, kafkaPartition, kafkaOffset: nextOffset[kafkaPartition]!++ }];
  });
}

/** Puts every delivery into the master dataset, as the archiver would have. */
export async function archive(clickhouse: ClickHouseClient, deliveries: readonly Delivery[]) {
  const rows = deliveries.map(({ event, kafkaPartition, kafkaOffset }) =>
    toMasterRow(event, { kafkaPartition, kafkaOffset, ingestedAtMs: Date.now() }),
  );
  for (let i = 0; i < rows.length; i += 10_000)
    await insertRows(clickhouse, masterTableName('order'), rows.slice(i, i + 10_000));
}
