import { createMetrics } from '@lambda/telemetry';
import type { BatchRunCompleted } from '@lambda/control';
import { createBatchMetrics } from '../metrics.js';
import type { RecomputeContext } from '../recompute/recompute-view.js';
import { silentLogger, type TestStores } from './test-stores.js';

/** A recompute context on test stores that keeps its announcements in memory. */
export function testRunContext(stores: TestStores, overrides: Partial<RecomputeContext> = {}) {
  const announced: BatchRunCompleted[] = [];
  const context: RecomputeContext = {
    results: stores.results,
    cassandra: stores.cassandra,
    metrics: createBatchMetrics(createMetrics({ prefix: 'test_batch_' })),
    logger: silentLogger,
    publishConcurrency: 32,
    // Small, so the tests' runs compute in several chunks.
    computeChunkRows: 500,
    announce: async (message) => {
      announced.push(message);
    },
    clock: Date.now,
    settings: { settleDelayMs: 3_600_000, leaseTtlSeconds: 30, leaseWaitMs: 5_000 },
    ...overrides,
  };
  return { context, announced };
}
