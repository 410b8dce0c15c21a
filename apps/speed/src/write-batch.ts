import type { CassandraClient } from '@lambda/cassandra';
import type { EventProducer, OutgoingMessage } from '@lambda/kafka';
import {
  recordLateEvents,
  writePartitionProgress,
  writeSpeedPartials,
  writeWindowBound,
} from '@lambda/views-store';
import type { SpeedSettings } from './config.js';
import type { PartitionWrites } from './partition-state.js';

/** Like Promise.all, but waits for every write to end before failing: none is left running. */
async function allSettledOrThrow(writes: readonly Promise<unknown>[]) {
  const failed = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Makes one batch durable, in an order a crash at any point can resume from: dead letters (rare;
 * a batch whose rejects cannot be kept writes nothing), the window bound when it rises, partials
 * and late events, and last the progress a restart resumes from.
 */
export async function writeBatch(
  {
    cassandra,
    producer,
    settings,
  }: { cassandra: CassandraClient; producer: EventProducer; settings: SpeedSettings },
  writes: PartitionWrites,
  deadLetters: readonly OutgoingMessage[],
) {
  if (deadLetters.length > 0) await producer.send(settings.dlqTopic, deadLetters);
  if (writes.windowBound) await writeWindowBound(cassandra, writes.windowBound);
  const options = { ttlSeconds: settings.rowTtlSeconds, concurrency: settings.writeConcurrency };
  await allSettledOrThrow([
    writeSpeedPartials(cassandra, writes.partials, options),
    recordLateEvents(cassandra, writes.lateEvents, options),
  ]);
  await writePartitionProgress(cassandra, writes.progress);
}
