import { parseControlMessage, parseRunCompleted, recomputeRequestedMessage } from './index.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const request = {
  type: 'recompute_requested',
  viewId: 'merchant_revenue_hourly',
  version: 1,
  fromMs: 0,
  toMs: 3_600_000,
};

describe('parseControlMessage', () => {
  it('reads a recompute request, with or without a key', () => {
    expect(parseControlMessage(json(request))).toEqual({
      kind: 'recompute',
      request: { viewId: 'merchant_revenue_hourly', version: 1, fromMs: 0, toMs: 3_600_000 },
    });
    expect(parseControlMessage(json({ ...request, key: 'm-1|EUR' }))).toMatchObject({
      request: { key: 'm-1|EUR' },
    });
  });

  it('ignores the other messages of the control topic', () => {
    expect(parseControlMessage(json({ type: 'batch_run_completed', runId: 'r' }))).toEqual({
      kind: 'ignored',
    });
  });

  it('names what is wrong with a bad request', () => {
    expect(parseControlMessage(Buffer.from('{'))).toEqual({ kind: 'invalid', problem: 'not JSON' });
    expect(parseControlMessage(json({ ...request, toMs: 0 }))).toEqual({
      kind: 'invalid',
      problem: 'toMs: fromMs must be before toMs',
    });
    expect(parseControlMessage(json({ ...request, version: 'one' }))).toMatchObject({
      kind: 'invalid',
      problem: expect.stringMatching(/^version: /),
    });
  });
});

describe('recomputeRequestedMessage', () => {
  it('writes a request batch reads back, with who asked and why alongside', () => {
    const value = recomputeRequestedMessage(
      { viewId: 'order_status_5m', version: 1, fromMs: 300_000, toMs: 900_000 },
      { requestedBy: 'reconciliation', reason: 'unexplained divergence', origin: 'run-1' },
    );
    expect(JSON.parse(value)).toMatchObject({ requestedBy: 'reconciliation', origin: 'run-1' });
    expect(parseControlMessage(Buffer.from(value))).toEqual({
      kind: 'recompute',
      request: { viewId: 'order_status_5m', version: 1, fromMs: 300_000, toMs: 900_000 },
    });
  });
});

describe('parseRunCompleted', () => {
  const completed = {
    type: 'batch_run_completed',
    runId: 'r-2',
    publishedRunId: 'r-1',
    kind: 'targeted',
    viewId: 'merchant_revenue_hourly',
    version: 1,
    watermarkMs: 7_200_000,
    windowFromMs: 0,
    windowToMs: 3_600_000,
    rows: 3,
    key: 'm-1|EUR',
  };

  it('reads a run announcement', () => {
    expect(parseRunCompleted(json(completed))).toEqual({ kind: 'completed', run: completed });
  });

  it('ignores recompute requests and names what is wrong with a bad announcement', () => {
    expect(parseRunCompleted(json(request))).toEqual({ kind: 'ignored' });
    expect(parseRunCompleted(Buffer.from('x'))).toEqual({ kind: 'invalid', problem: 'not JSON' });
    expect(parseRunCompleted(json({ ...completed, kind: 'partial' }))).toMatchObject({
      kind: 'invalid',
      problem: expect.stringMatching(/^kind: /),
    });
  });
});
