import express from 'express';
import { Writable } from 'node:stream';
import { createHttpApp, startHttpServer, type RunningServer } from '@lambda/http';
import { createLogger, createMetrics } from '@lambda/telemetry';
import { apiKeyIdOf, createApiKeyAuth, hashToken, mintApiKey } from './index.js';

const lines: string[] = [];
const logger = createLogger({
  service: 'auth-spec',
  destination: new Writable({
    write: (chunk, _e, done) => {
      lines.push(chunk.toString());
      done();
    },
  }),
});
const writer = mintApiKey({ id: 'writer', scopes: ['events:write'], ratePerSecond: 2 });
const reader = mintApiKey({ id: 'reader', scopes: ['views:read'] });
let now = 0;
let running: RunningServer;

beforeAll(async () => {
  const auth = createApiKeyAuth({
    config: { keys: [writer.entry, reader.entry], usesDevelopmentKey: false },
    logger,
    nowMs: () => now,
  });
  const routes = express.Router();
  routes.post('/write', auth.requireScope('events:write'), (_req, res) => {
    res.json({ key: apiKeyIdOf(res) });
  });
  const app = createHttpApp({
    serviceName: 'auth-spec',
    logger,
    metrics: createMetrics({ prefix: 'auth_spec_' }),
    readiness: [],
    routes,
  });
  running = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
});
afterAll(() => running.close());

const write = (authorization?: string) =>
  fetch(`${running.url}/write`, {
    method: 'POST',
    headers: authorization === undefined ? {} : { authorization },
  });

describe('createApiKeyAuth', () => {
  it('admits a key with the scope and tells the handler which key it was', async () => {
    const res = await write(`Bearer ${writer.token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ key: 'writer' });
    expect(writer.entry.sha256).toBe(hashToken(writer.token));
  });

  it.each([
    [undefined, 'Bearer realm="lambda"'],
    ['Bearer not-a-key', 'Bearer realm="lambda", error="invalid_token"'],
    ['Basic dXNlcjpwYXNz', 'Bearer realm="lambda", error="invalid_token"'],
    ['Bearer ', 'Bearer realm="lambda", error="invalid_token"'],
  ])('answers 401 with a Bearer challenge to %j', async (authorization, challenge) => {
    const res = await write(authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(challenge);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ type: 'urn:lambda:problem:unauthorized' });
  });

  it('answers 403 to a valid key without the scope', async () => {
    const res = await write(`Bearer ${reader.token}`);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await res.json()).toMatchObject({ scope: 'events:write' });
  });

  it('answers 429 with Retry-After once a key exceeds its rate', async () => {
    now += 10_000;
    expect((await write(`Bearer ${writer.token}`)).status).toBe(200);
    expect((await write(`Bearer ${writer.token}`)).status).toBe(200);
    const limited = await write(`Bearer ${writer.token}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    now += 500;
    expect((await write(`Bearer ${writer.token}`)).status).toBe(200);
  });

  it('warns at start when the public development key stands in', () => {
    createApiKeyAuth({ config: { keys: [], usesDevelopmentKey: true }, logger });
    expect(lines.some((line) => line.includes('public development key'))).toBe(true);
  });
});
