import { Writable } from 'node:stream';
import type { RequestHandler } from 'express';
import { PlatformError } from '@lambda/errors';
import { createHttpApp, startHttpServer, type RunningServer } from '@lambda/http';
import { createLogger, createMetrics } from '@lambda/telemetry';
import { createViewRegistry } from '@lambda/transforms';
import type { ViewReader } from '../read/view-reader.js';
import { revenueV1 } from '../test-support/views.js';
import { servingRoutes } from './routes.js';

const unavailable = () =>
  Promise.reject(new PlatformError('no host', { code: 'cassandra_unavailable', retriable: true }));
const broken = () => Promise.reject(new Error('bug'));
const admitAll: RequestHandler = (_req, _res, next) => next();

async function serve(fail: () => Promise<never>): Promise<RunningServer> {
  const reader: ViewReader = {
    viewState: fail,
    speedWatermarkMs: fail,
    batchRows: fail,
    speedRows: fail,
  };
  const logger = createLogger({
    service: 'spec',
    destination: new Writable({ write: (_c, _e, done) => done() }),
  });
  const metrics = createMetrics({ prefix: 'spec_' });
  const routes = servingRoutes({
    registry: createViewRegistry([revenueV1]),
    reader,
    metrics,
    requireViewsRead: admitAll,
    maxWindows: 10,
    freshMaxAgeS: 5,
    settledMaxAgeS: 60,
  });
  const app = createHttpApp({ serviceName: 'spec', logger, metrics, readiness: [], routes });
  return startHttpServer(app, { host: '127.0.0.1', port: 0 });
}

describe('store failures', () => {
  it('answer 503 with Retry-After while the store is unavailable', async () => {
    const server = await serve(unavailable);
    const res = await fetch(`${server.url}/v1/views`);
    await server.close();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({ type: 'urn:lambda:problem:store_unavailable' });
  });

  it('answer 500 without details for anything else', async () => {
    const server = await serve(broken);
    const res = await fetch(`${server.url}/v1/views`);
    await server.close();
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('bug');
  });
});
