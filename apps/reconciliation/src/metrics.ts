import type { Metrics } from '@lambda/telemetry';
import { RUN_STATUSES } from './run/run-record.js';

/**
 * Every reconciliation metric (names get the `lambda_reconciliation_` prefix); the names and
 * labels are in deploy/metrics-contract.json and the alert rules of deploy/prometheus/rules.yaml.
 */
export function createReconciliationMetrics(metrics: Metrics) {
  const runs = metrics.counter({
    name: 'runs_total',
    help: 'Reconciliations of one view version by outcome: succeeded, failed or skipped',
    labelNames: ['status'],
  });
  // Present from the start, so increase() sees the first failure.
  for (const status of RUN_STATUSES) runs.inc({ status }, 0);
  return {
    runs,
    divergence: metrics.gauge({
      name: 'divergence_ratio',
      help: 'Σ|speed − batch| / Σ|batch| over the compared windows of the last run, by kind: total, explained (late events, expired speed rows) and unexplained',
      labelNames: ['view', 'version', 'measure', 'kind'],
    }),
    lastRun: metrics.gauge({
      name: 'last_run_timestamp_seconds',
      help: 'When a reconciliation last completed (succeeded or skipped)',
    }),
    repairs: metrics.counter({
      name: 'repairs_requested_total',
      help: 'recompute_requested messages published on the control topic',
      labelNames: ['view'],
    }),
  };
}

export type ReconciliationMetrics = ReturnType<typeof createReconciliationMetrics>;
