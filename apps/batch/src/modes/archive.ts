import { createEventProducer } from '@lambda/kafka';
import type { ServiceContext } from '@lambda/service';
import { createArchiver } from '../archive/archiver.js';
import type { BatchConfig } from '../config.js';
import { startBatchService } from './batch-service.js';

/** `batch archive`: the consumer group that sinks events.raw.v1 into the master dataset. */
export async function archive(context: ServiceContext, config: BatchConfig) {
  const service = await startBatchService(context, config);
  const dlq = createEventProducer(service.kafka);
  await dlq.connect();
  context.lifecycle.onStop('dlq producer', () => dlq.disconnect());
  const archiver = createArchiver({
    kafka: service.kafka,
    clickhouse: service.clickhouse,
    dlq,
    config: config.batch,
    metrics: service.metrics,
    logger: context.logger,
    onStoppedForGood: (error) => context.fail('archiver stopped for good', error),
  });
  await archiver.start();
  // Stops first: finishes the batch in hand (its insert and commit), then leaves the group.
  context.lifecycle.onStop('archiver', () => archiver.stop());
}
