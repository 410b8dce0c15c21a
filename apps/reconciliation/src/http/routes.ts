import express, {
  type ErrorRequestHandler,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { CassandraClient } from '@lambda/cassandra';
import { isRetriable } from '@lambda/errors';
import { badRequest, serviceUnavailable } from '@lambda/http';
import type { ViewRegistry } from '@lambda/transforms';
import { readViewState } from '@lambda/views-store';
import type { ReconciliationSettings } from '../config.js';
import type { ResultsDatabase } from '../read/view-keys.js';
import { affectedWindows, lastCompletedAtMs, latestRuns, listRuns } from '../run/run-store.js';
import type { RunRecord } from '../run/run-record.js';
import { exactJson } from './exact-json.js';
import { openApiDocument } from './openapi.js';
import { encodeCursor } from './page-cursor.js';
import { presentAffectedWindows, presentRun, presentViewStatus } from './present.js';
import { parseRunsQuery } from './runs-query.js';

export interface ReconciliationRoutesOptions {
  registry: ViewRegistry;
  results: ResultsDatabase;
  cassandra: CassandraClient;
  settings: Pick<
    ReconciliationSettings,
    'thresholds' | 'intervalMs' | 'lookbackMs' | 'pinOnCritical'
  >;
  /** Admits callers holding an API key with the `views:read` scope, within their rate. */
  requireViewsRead: RequestHandler;
}

/** A store that is down is the caller's cue to retry, not an internal error. */
const storeUnavailable: ErrorRequestHandler = (error, _req, _res, next) =>
  next(
    isRetriable(error)
      ? serviceUnavailable('store_unavailable', 'A store is unavailable; retry shortly.', 1)
      : error,
  );

const sendJson = (res: Response, body: unknown) =>
  res.type('application/json').set('Cache-Control', 'no-store').send(exactJson(body));

const byView = (runs: readonly RunRecord[]) =>
  new Map(runs.map((run) => [`${run.viewId}@${run.version}`, run]));

export function reconciliationRoutes(options: ReconciliationRoutesOptions): Router {
  const { registry, results, cassandra, settings } = options;
  const openApi = JSON.stringify(openApiDocument(registry));
  const windowMsOf = (viewId: string, version: number) =>
    registry.find(viewId, version)?.windowMs ?? 0;

  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openApi);
  });
  router.use('/v1', options.requireViewsRead);

  router.get('/v1/reconciliation/status', async (_req, res) => {
    const [latest, succeeded, lastRunAtMs, states] = await Promise.all([
      latestRuns(results).then(byView),
      latestRuns(results, 'succeeded').then(byView),
      lastCompletedAtMs(results),
      Promise.all(registry.views.map((view) => readViewState(cassandra, view.id, view.version))),
    ]);
    sendJson(res, {
      thresholds: settings.thresholds,
      intervalMs: settings.intervalMs,
      lookbackMs: settings.lookbackMs,
      pinOnCritical: settings.pinOnCritical,
      lastRunAt: lastRunAtMs === null ? null : new Date(lastRunAtMs).toISOString(),
      views: registry.views.map((view, i) => {
        const id = `${view.id}@${view.version}`;
        return presentViewStatus(view, states[i]!, latest.get(id), succeeded.get(id));
      }),
    });
  });

  router.get('/v1/reconciliation/runs', async (req, res) => {
    const request = parseRunsQuery(req.query as Record<string, unknown>);
    if (request.viewId !== undefined && !registry.latest(request.viewId))
      throw badRequest('invalid_query', `view: unknown view ${JSON.stringify(request.viewId)}`);
    const page = await listRuns(results, { ...request, limit: request.limit + 1 });
    const runs = page.slice(0, request.limit);
    const last = runs.at(-1);
    const { findings, windowCounts } = await affectedWindows(
      results,
      runs.map((run) => run.runId),
      request.windows,
    );
    sendJson(res, {
      runs: runs.map((run) => ({
        ...presentRun(run),
        affectedWindows: presentAffectedWindows(
          findings.filter((f) => f.runId === run.runId),
          windowMsOf(run.viewId, run.version),
        ),
        affectedWindowCount: windowCounts.get(run.runId) ?? 0,
      })),
      next: page.length > request.limit && last ? encodeCursor(last) : null,
    });
  });

  router.use(storeUnavailable);
  return router;
}
