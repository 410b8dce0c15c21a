import { createEventProducer } from '@lambda/kafka';
import { createMetrics } from '@lambda/telemetry';
import { createReconciliationMetrics } from '../metrics.js';
import type { ReconcileContext } from '../run/reconcile-view.js';
import { createRepairPublisher } from '../run/repair-publisher.js';
import { silentLogger, type TestStores } from './test-stores.js';

/** What the app wires, on the test stores, with its own metrics registry to read back. */
export function inProcessContext(stores: TestStores, lookbackMs: number) {
  const registry = createMetrics({ prefix: 'lambda_reconciliation_' });
  const repairs = createRepairPublisher(createEventProducer(stores.kafka), stores.controlTopic);
  const context: ReconcileContext = {
    stores: { results: stores.results, cassandra: stores.cassandra },
    repairs,
    metrics: createReconciliationMetrics(registry),
    logger: silentLogger,
    settings: {
      thresholds: { warningRatio: 0.005, criticalRatio: 0.02 },
      pinOnCritical: true,
      lookbackMs,
      readConcurrency: 8,
      maxRepairRequests: 20,
      maxFindings: 10_000,
    },
    clock: Date.now,
  };
  return { context, metricsText: () => registry.registry.metrics(), close: () => repairs.close() };
}
