import { customersDaily, revenueV1 } from '../test-support/views.js';
import { planLayers } from './layer-plan.js';
import { mergeWindows } from './merge-windows.js';

const H = 3_600_000;
const D = 24 * H;

describe('mergeWindows', () => {
  const range = { fromMs: 0, toMs: 4 * H };
  const plan = planLayers(range, H, {
    batchRunId: 'r1',
    batchWatermarkMs: 2 * H,
    pinnedToBatch: false,
  });

  it('takes batch up to the watermark, merges speed partitions after it, fills gaps', () => {
    const windows = mergeWindows({
      view: revenueV1,
      range,
      plan,
      batchRows: [
        {
          windowStartMs: 0,
          measures: {
            revenue_minor: 700n,
            orders: 2n,
            min_order_minor: 200n,
            max_order_minor: 500n,
          },
        },
      ],
      speedRows: [
        // Settled by batch: must not count.
        {
          windowStartMs: 0,
          kafkaPartition: 0,
          measures: { revenue_minor: 1n, orders: 1n },
          distinctValues: {},
        },
        {
          windowStartMs: H,
          kafkaPartition: 0,
          measures: { revenue_minor: 1n, orders: 1n },
          distinctValues: {},
        },
        {
          windowStartMs: 3 * H,
          kafkaPartition: 0,
          measures: {
            revenue_minor: 300n,
            orders: 1n,
            min_order_minor: 300n,
            max_order_minor: 300n,
          },
          distinctValues: {},
        },
        {
          windowStartMs: 3 * H,
          kafkaPartition: 4,
          measures: {
            revenue_minor: 150n,
            orders: 2n,
            min_order_minor: 50n,
            max_order_minor: 100n,
          },
          distinctValues: {},
        },
        // A partition whose events all lacked the amount: no min or max entry.
        {
          windowStartMs: 3 * H,
          kafkaPartition: 5,
          measures: { revenue_minor: 0n, orders: 1n },
          distinctValues: {},
        },
      ],
    });
    expect(windows).toEqual([
      {
        startMs: 0,
        endMs: H,
        layer: 'batch',
        measures: { revenue_minor: 700n, orders: 2n, min_order_minor: 200n, max_order_minor: 500n },
      },
      {
        startMs: H,
        endMs: 2 * H,
        layer: 'batch',
        measures: { revenue_minor: 0n, orders: 0n, min_order_minor: null, max_order_minor: null },
      },
      {
        startMs: 2 * H,
        endMs: 3 * H,
        layer: 'speed',
        measures: { revenue_minor: 0n, orders: 0n, min_order_minor: null, max_order_minor: null },
      },
      {
        startMs: 3 * H,
        endMs: 4 * H,
        layer: 'speed',
        measures: { revenue_minor: 450n, orders: 4n, min_order_minor: 50n, max_order_minor: 300n },
      },
    ]);
  });

  it('counts a distinct value once however many partitions saw it', () => {
    const [window] = mergeWindows({
      view: customersDaily,
      range: { fromMs: 0, toMs: D },
      plan: planLayers({ fromMs: 0, toMs: D }, D, {
        batchRunId: null,
        batchWatermarkMs: null,
        pinnedToBatch: false,
      }),
      batchRows: [],
      speedRows: [
        {
          windowStartMs: 0,
          kafkaPartition: 0,
          measures: { orders: 3n },
          distinctValues: { customers: ['c1', 'c2'] },
        },
        {
          windowStartMs: 0,
          kafkaPartition: 1,
          measures: { orders: 2n },
          distinctValues: { customers: ['c2', 'c3'] },
        },
        { windowStartMs: 0, kafkaPartition: 2, measures: { orders: 0n }, distinctValues: {} },
      ],
    });
    expect(window?.measures).toEqual({ customers: 3n, orders: 5n });
  });

  it('answers nothing for windows after the watermark while pinned', () => {
    const pinned = planLayers(range, H, {
      batchRunId: 'r1',
      batchWatermarkMs: 3 * H,
      pinnedToBatch: true,
    });
    const windows = mergeWindows({
      view: revenueV1,
      range,
      plan: pinned,
      batchRows: [],
      speedRows: [],
    });
    expect(windows.map((w) => [w.layer, w.measures === null])).toEqual([
      ['batch', false],
      ['batch', false],
      ['batch', false],
      ['none', true],
    ]);
  });
});
