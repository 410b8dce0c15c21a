import express from 'express';
import { Writable } from 'node:stream';
import { createLogger, createMetrics } from '@lambda/telemetry';
import { HttpProblem, createHttpApp, startHttpServer, type RunningServer } from './index.js';

const silent = new Writable({ write: (_c, _e, done) => done() });
let storeUp = true;
let stopping = false;
let running: RunningServer;

beforeAll(async () => {
  const routes = express.Router();
  routes.post('/echo', express.json({ limit: '1kb' }), (req, res) => {
    res.json(req.body);
  });
  routes.get('/teapot', () => {
    throw new HttpProblem(418, 'teapot', 'short and stout', { spout: true });
  });
  routes.get('/boom', () => {
    throw new Error('secret internals');
  });
  const app = createHttpApp({
    serviceName: 'spec',
    logger: createLogger({ service: 'spec', destination: silent }),
    metrics: createMetrics({ prefix: 'lambda_spec_' }),
    readiness: [
      {
        name: 'store',
        check: async () => {
          if (!storeUp) throw new Error('connection refused');
        },
      },
    ],
    routes,
    isStopping: () => stopping,
  });
  running = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
});
afterAll(() => running.close());

const get = (path: string) => fetch(`${running.url}${path}`);

describe('createHttpApp', () => {
  it('answers /healthz', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready only while every check passes, and unready while stopping', async () => {
    storeUp = true;
    expect((await get('/readyz')).status).toBe(200);
    storeUp = false;
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'unready',
      checks: { store: 'connection refused' },
    });
    storeUp = true;
    stopping = true;
    expect((await get('/readyz')).status).toBe(503);
    stopping = false;
  });

  it('serves Prometheus metrics with request durations by route', async () => {
    await get('/healthz');
    const text = await (await get('/metrics')).text();
    expect(text).toMatch(
      /lambda_spec_http_request_duration_seconds_count\{route="\/healthz",method="GET",status="200"\} \d+/,
    );
  });

  it('renders thrown problems as problem+json', async () => {
    const res = await get('/teapot');
    expect(res.status).toBe(418);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'urn:lambda:problem:teapot',
      title: 'teapot',
      status: 418,
      detail: 'short and stout',
      spout: true,
    });
  });

  it('turns malformed and oversized JSON into 4xx problems', async () => {
    const post = (body: string) =>
      fetch(`${running.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const malformed = await post('{"a":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { type: string }).type).toBe(
      'urn:lambda:problem:malformed_json',
    );
    const oversized = await post(JSON.stringify({ a: 'x'.repeat(2000) }));
    expect(oversized.status).toBe(413);
  });

  it('hides internal errors behind a 500 problem and answers unknown routes with 404', async () => {
    const boom = await get('/boom');
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain('secret');
    expect((await get('/nope')).status).toBe(404);
  });
});
