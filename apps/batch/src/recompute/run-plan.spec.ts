import { merchantRevenueHourly } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';
import { newRunId, planFullRun, planTargetedRun } from './run-plan.js';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 0, 10, 12, 30);
const view = merchantRevenueHourly;
const published: ViewState = {
  viewId: view.id,
  version: view.version,
  batchRunId: 'merchant_revenue_hourly.v1.previous',
  batchWatermarkMs: Date.UTC(2026, 0, 10, 11),
  pinnedToBatch: false,
  pinnedReason: null,
  updatedAtMs: now - HOUR,
};

describe('run plans', () => {
  it('names runs by view, version and time, uniquely per attempt', () => {
    const id = newRunId(view, now);
    expect(id).toMatch(/^merchant_revenue_hourly\.v1\.20260110T123000000Z\.[0-9a-f]{6}$/);
    expect(newRunId(view, now)).not.toBe(id);
  });

  it('plans a full run over all history up to the batch watermark, published under its own id', () => {
    const plan = planFullRun(view, now, HOUR);
    expect(plan).toMatchObject({
      kind: 'full',
      fromMs: undefined,
      toMs: Date.UTC(2026, 0, 10, 11),
      watermarkMs: Date.UTC(2026, 0, 10, 11),
      keyEquals: undefined,
    });
    expect(plan.publishedRunId).toBe(plan.runId);
  });

  it('plans a targeted run under the current run id, inside the served windows', () => {
    const plan = planTargetedRun(
      view,
      { fromMs: Date.UTC(2026, 0, 9, 22, 10), toMs: now, key: 'm-1|EUR' },
      published,
      now,
    );
    expect(plan).toMatchObject({
      kind: 'targeted',
      runId: expect.not.stringMatching(/previous/),
      publishedRunId: published.batchRunId,
      fromMs: Date.UTC(2026, 0, 9, 22),
      toMs: published.batchWatermarkMs,
      watermarkMs: published.batchWatermarkMs,
      keyEquals: 'm-1|EUR',
    });
  });

  it('skips a targeted run with nothing published, or nothing served in range', () => {
    const unpublished = { ...published, batchRunId: null, batchWatermarkMs: null };
    expect(planTargetedRun(view, { fromMs: 0, toMs: now }, unpublished, now)).toEqual({
      skip: expect.stringMatching(/no published run/),
    });
    const future = { fromMs: Date.UTC(2026, 0, 10, 11), toMs: now };
    expect(planTargetedRun(view, future, published, now)).toEqual({
      skip: expect.stringMatching(/no window/),
    });
  });
});
