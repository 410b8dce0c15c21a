import type { Express } from 'express';
import type { Metrics } from '@lambda/telemetry';

/** One dependency that must answer for the service to be ready (a store, a consumer group…). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function runChecks(checks: readonly ReadinessCheck[]) {
  const outcomes = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  return {
    ready: outcomes.every(([, outcome]) => outcome === 'ok'),
    checks: Object.fromEntries(outcomes),
  };
}

/**
 * `/healthz` (the process answers), `/readyz` (its dependencies answer), `/metrics` (Prometheus),
 * as routes of the app itself: a nested router would add a dispatch to every request.
 */
export function addProbeRoutes(
  router: Express,
  metrics: Metrics,
  checks: readonly ReadinessCheck[],
  isStopping: () => boolean,
): void {
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isStopping()) {
      res.status(503).json({ status: 'stopping', checks: {} });
      return;
    }
    const { ready, checks: outcome } = await runChecks(checks);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unready', checks: outcome });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
