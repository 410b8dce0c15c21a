import { parseControlMessage } from './control-messages.js';

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
