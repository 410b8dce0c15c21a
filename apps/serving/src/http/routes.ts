import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { isRetriable } from '@lambda/errors';
import { serviceUnavailable } from '@lambda/http';
import type { Metrics } from '@lambda/telemetry';
import type { ViewRegistry } from '@lambda/transforms';
import { LAYERS } from '../merge/layer-plan.js';
import { viewCatalog } from '../query/view-catalog.js';
import type { ViewReader } from '../read/view-reader.js';
import { openApiDocument } from '../openapi/openapi-document.js';
import { renderAnswer, sendAnswer } from './conditional.js';
import { presentCatalog, presentSeries, presentTotal } from './present.js';
import { rangeEndpoint } from './range-endpoint.js';

export interface ServingRoutesOptions {
  registry: ViewRegistry;
  reader: ViewReader;
  metrics: Metrics;
  /** Admits callers holding an API key with the `views:read` scope, within their rate. */
  requireViewsRead: RequestHandler;
  maxWindows: number;
  freshMaxAgeS: number;
  settledMaxAgeS: number;
  /**
   * Rendered answers kept per endpoint and reused while their state and rows are the same cached
   * reads (0: render every request). Default 0.
   */
  answerCacheEntries?: number;
}

/** A store that is down is the caller's cue to retry, not an internal error. */
const storeUnavailable: ErrorRequestHandler = (error, _req, _res, next) =>
  next(
    isRetriable(error)
      ? serviceUnavailable('store_unavailable', 'The view store is unavailable; retry shortly.', 1)
      : error,
  );

export function servingRoutes(options: ServingRoutesOptions): Router {
  const { registry, reader, metrics, requireViewsRead } = options;
  const windowsServed = metrics.counter({
    name: 'windows_served_total',
    help: 'Windows answered by series and total requests, by the layer that answered them.',
    labelNames: ['layer'],
  });
  for (const layer of LAYERS) windowsServed.inc({ layer }, 0);
  const range = { ...options, windowsServed, answerCacheEntries: options.answerCacheEntries ?? 0 };
  const openApi = JSON.stringify(openApiDocument(registry));

  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openApi);
  });
  router.use('/v1', requireViewsRead);
  router.get('/v1/views', async (req, res) => {
    const [catalog, speedWatermarkMs] = await Promise.all([
      viewCatalog(registry, reader.viewState),
      reader.speedWatermarkMs(),
    ]);
    const answer = renderAnswer(presentCatalog(catalog), options.freshMaxAgeS);
    sendAnswer(req, res, answer, speedWatermarkMs);
  });
  router.get('/v1/views/:view/series', rangeEndpoint(range, presentSeries));
  router.get('/v1/views/:view/total', rangeEndpoint(range, presentTotal));
  router.use(storeUnavailable);
  return router;
}
