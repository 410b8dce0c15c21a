import { planLayers } from './layer-plan.js';

const H = 3_600_000;
const range = { fromMs: 10 * H, toMs: 14 * H };
const state = (
  batchWatermarkMs: number | null,
  { runId = 'r1' as string | null, pinned = false } = {},
) => ({ batchRunId: runId, batchWatermarkMs, pinnedToBatch: pinned });

describe('planLayers', () => {
  it('gives speed everything before the first batch run', () => {
    expect(planLayers(range, H, state(null, { runId: null }))).toEqual({
      batch: null,
      rest: { fromMs: 10 * H, toMs: 14 * H },
      restLayer: 'speed',
    });
  });

  it('gives batch the windows ending at or before the watermark, speed the rest', () => {
    expect(planLayers(range, H, state(12 * H))).toEqual({
      batch: { fromMs: 10 * H, toMs: 12 * H, runId: 'r1' },
      rest: { fromMs: 12 * H, toMs: 14 * H },
      restLayer: 'speed',
    });
  });

  it('keeps the whole range on one side when the watermark lies outside it', () => {
    expect(planLayers(range, H, state(20 * H))).toEqual({
      batch: { fromMs: 10 * H, toMs: 14 * H, runId: 'r1' },
      rest: null,
      restLayer: 'speed',
    });
    expect(planLayers(range, H, state(3 * H)).batch).toBeNull();
  });

  it('never splits a window at an unaligned watermark', () => {
    expect(planLayers(range, H, state(12 * H + 1)).batch).toEqual({
      fromMs: 10 * H,
      toMs: 12 * H,
      runId: 'r1',
    });
  });

  it('answers nothing after the watermark while pinned to batch', () => {
    expect(planLayers(range, H, state(12 * H, { pinned: true }))).toEqual({
      batch: { fromMs: 10 * H, toMs: 12 * H, runId: 'r1' },
      rest: { fromMs: 12 * H, toMs: 14 * H },
      restLayer: 'none',
    });
  });
});
