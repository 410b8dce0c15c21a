import {
  count,
  createViewExecutor,
  defineView,
  distinct,
  eq,
  finalizeWindow,
  max,
  min,
  sum,
  type View,
  type WindowPartial,
} from './index.js';
import { orderEvent } from './testing/order-event.js';

const HOUR = 3_600_000;
const T10 = Date.UTC(2026, 10, 22, 10);
const at = (ms: number) => new Date(ms).toISOString();

const revenue = {
  id: 'revenue_test',
  version: 1,
  description: 'Completed revenue per merchant and currency.',
  source: { type: 'order', versions: [1, 2] },
  filter: eq('status', 'completed'),
  key: ['merchant_id', 'currency'],
  window: '1h',
  measures: {
    orders: count(),
    revenue_minor: sum('amount_minor'),
    smallest: min('amount_minor'),
    largest: max('amount_minor'),
    coupons: distinct('coupon_code'),
    web_orders: count({ where: eq('channel', 'web') }),
  },
} as const;
const view: View = defineView(revenue);

const rows = (executor: ReturnType<typeof createViewExecutor>) =>
  executor.openPartials().map(finalizeWindow);

describe('createViewExecutor', () => {
  it('aggregates exact bigints per key and window', () => {
    const executor = createViewExecutor({ view, allowedLatenessMs: Infinity });
    executor.apply(
      orderEvent({
        event_id: 'a',
        amount_minor: Number.MAX_SAFE_INTEGER,
        coupon_code: 'X',
        channel: 'web',
      }),
    );
    executor.apply(
      orderEvent({ event_id: 'b', amount_minor: Number.MAX_SAFE_INTEGER, coupon_code: 'X' }),
    );
    executor.apply(
      orderEvent({ event_id: 'c', amount_minor: -3, occurred_at: at(T10 + HOUR - 1) }),
    );
    expect(rows(executor)).toEqual([
      {
        key: 'm-1|EUR',
        windowStartMs: T10,
        measures: {
          orders: 3n,
          revenue_minor: 2n * BigInt(Number.MAX_SAFE_INTEGER) - 3n,
          smallest: -3n,
          largest: BigInt(Number.MAX_SAFE_INTEGER),
          coupons: 1n,
          web_orders: 1n,
        },
      },
    ]);
  });

  it('tells what became of each event', () => {
    const executor = createViewExecutor({ view, allowedLatenessMs: 0 });
    expect(executor.apply(orderEvent({ event_id: 'a' }))).toBe('applied');
    expect(executor.apply(orderEvent({ event_id: 'a', amount_minor: 99 }))).toBe('duplicate');
    expect(executor.apply(orderEvent({ event_id: 'b', status: 'created' }))).toBe('filtered');
    expect(executor.apply(orderEvent({ event_id: 'c', occurred_at: at(T10 + 2 * HOUR) }))).toBe(
      'applied',
    );
    expect(executor.apply(orderEvent({ event_id: 'd', occurred_at: at(T10 + 5) }))).toBe('late');
  });

  it('says where an event went, the same address locate gives, unless the view ignores it', () => {
    const executor = createViewExecutor({ view, allowedLatenessMs: 0 });
    const event = orderEvent({ event_id: 'a', occurred_at: at(T10 + 60_000) });
    const address = { key: executor.locate(event)!.key, windowStartMs: T10 };
    expect(executor.applyLocated(event)).toEqual({ outcome: 'applied', address });
    expect(executor.applyLocated(event)).toEqual({ outcome: 'duplicate', address });
    expect(executor.applyLocated(orderEvent({ event_id: 'b', status: 'created' }))).toEqual({
      outcome: 'filtered',
      address: undefined,
    });
    executor.apply(orderEvent({ event_id: 'c', occurred_at: at(T10 + 2 * HOUR) }));
    expect(executor.applyLocated(orderEvent({ event_id: 'd', occurred_at: at(T10) }))).toEqual({
      outcome: 'late',
      address,
    });
  });

  it('ignores events outside its source versions, but lets them advance the watermark', () => {
    const v1Only = defineView({
      ...revenue,
      id: 'v1_only',
      source: { type: 'order', versions: [1] },
    });
    const executor = createViewExecutor({ view: v1Only, allowedLatenessMs: 0 });
    expect(executor.apply(orderEvent({ schema_version: 2, occurred_at: at(T10 + HOUR) }))).toBe(
      'not_in_source',
    );
    expect(executor.watermarkMs).toBe(T10 + HOUR);
  });

  it('keeps the first delivery of an event_id: a re-delivery changes nothing', () => {
    const executor = createViewExecutor({ view, allowedLatenessMs: Infinity });
    executor.apply(orderEvent({ event_id: 'a', amount_minor: 10 }));
    const before = rows(executor);
    executor.apply(orderEvent({ event_id: 'a', amount_minor: 10 }));
    executor.apply(orderEvent({ event_id: 'a', amount_minor: 999 }));
    expect(rows(executor)).toEqual(before);
  });

  it('does not let missing values contribute to sum, min, max or distinct', () => {
    const executor = createViewExecutor({ view, allowedLatenessMs: Infinity });
    executor.apply(orderEvent({ event_id: 'a' }));
    expect(rows(executor)[0]?.measures).toMatchObject({ orders: 1n, coupons: 0n, web_orders: 0n });
    const onlyCoupons = defineView({
      ...revenue,
      id: 'coupons',
      measures: { low: min('amount_minor', { where: eq('coupon_code', 'X') }) },
    });
    const empty = createViewExecutor({ view: onlyCoupons, allowedLatenessMs: Infinity });
    empty.apply(orderEvent({ event_id: 'a' }));
    expect(rows(empty)[0]?.measures).toEqual({ low: null });
  });

  describe('late events', () => {
    it('accepts an event while its window end plus the lateness is after the watermark', () => {
      const executor = createViewExecutor({ view, allowedLatenessMs: 10 * 60_000 });
      executor.apply(
        orderEvent({ event_id: 'now', occurred_at: at(T10 + HOUR + 10 * 60_000 - 1) }),
      );
      expect(
        executor.apply(orderEvent({ event_id: 'late-but-allowed', occurred_at: at(T10) })),
      ).toBe('applied');
      executor.apply(orderEvent({ event_id: 'later', occurred_at: at(T10 + HOUR + 10 * 60_000) }));
      expect(
        executor.apply(orderEvent({ event_id: 'too-late', occurred_at: at(T10 + HOUR - 1) })),
      ).toBe('late');
    });

    it('counts dropped events per key and window without applying them', () => {
      const executor = createViewExecutor({ view, allowedLatenessMs: 0 });
      executor.apply(orderEvent({ event_id: 'a', occurred_at: at(T10) }));
      executor.apply(orderEvent({ event_id: 'b', occurred_at: at(T10 + HOUR) }));
      executor.apply(orderEvent({ event_id: 'late-1', occurred_at: at(T10 + 1) }));
      executor.apply(
        orderEvent({ event_id: 'late-2', occurred_at: at(T10 + 2), merchant_id: 'm-2' }),
      );
      const settled = executor.evictSettled();
      expect(
        settled.map(({ key, windowStartMs, lateDropped }) => ({ key, windowStartMs, lateDropped })),
      ).toEqual([
        { key: 'm-1|EUR', windowStartMs: T10, lateDropped: 1 },
        { key: 'm-2|EUR', windowStartMs: T10, lateDropped: 1 },
      ]);
      expect(settled.map((partial) => finalizeWindow(partial).measures['orders'])).toEqual([
        1n,
        0n,
      ]);
    });

    it('evicts only settled windows, so memory stays bounded', () => {
      const executor = createViewExecutor({ view, allowedLatenessMs: HOUR });
      executor.apply(orderEvent({ event_id: 'a', occurred_at: at(T10) }));
      executor.apply(orderEvent({ event_id: 'b', occurred_at: at(T10 + 2 * HOUR - 1) }));
      expect(executor.evictSettled()).toEqual([]);
      executor.apply(orderEvent({ event_id: 'c', occurred_at: at(T10 + 2 * HOUR) }));
      expect(executor.evictSettled().map((partial) => partial.windowStartMs)).toEqual([T10]);
      expect(executor.openPartials().map((partial) => partial.windowStartMs)).toEqual([
        T10 + HOUR,
        T10 + 2 * HOUR,
      ]);
    });
  });

  it('resumes from saved partials and watermark, still deduplicating', () => {
    const first = createViewExecutor({ view, allowedLatenessMs: 0 });
    first.apply(orderEvent({ event_id: 'a', amount_minor: 5 }));
    const resumed = createViewExecutor({
      view,
      allowedLatenessMs: 0,
      resumeFrom: { watermarkMs: first.watermarkMs, partials: first.openPartials() },
    });
    expect(resumed.apply(orderEvent({ event_id: 'a', amount_minor: 5 }))).toBe('duplicate');
    expect(resumed.apply(orderEvent({ event_id: 'b', amount_minor: 7 }))).toBe('applied');
    expect(rows(resumed)[0]?.measures['revenue_minor']).toBe(12n);
    expect(rows(first)[0]?.measures['revenue_minor']).toBe(5n);
  });

  it('locates an event without applying it, and says whether its window is settled', () => {
    const executor = createViewExecutor({ view, allowedLatenessMs: 0 });
    const event = orderEvent({ event_id: 'a', currency: 'USD', occurred_at: at(T10 + 5) });
    expect(executor.locate(event)).toEqual({ key: 'm-1|USD', windowStartMs: T10 });
    expect(executor.locate(orderEvent({ status: 'created' }))).toBeUndefined();
    expect(executor.get('m-1|USD', T10)).toBeUndefined();
    expect(executor.size).toBe(0);
    executor.apply(orderEvent({ event_id: 'b', occurred_at: at(T10 + HOUR) }));
    expect(executor.isSettled(T10)).toBe(true);
    expect(executor.isSettled(T10 + HOUR)).toBe(false);
  });

  it('adopts a restored partial unless it already holds one', () => {
    const source = createViewExecutor({ view, allowedLatenessMs: Infinity });
    source.apply(orderEvent({ event_id: 'a', amount_minor: 5 }));
    const [saved] = source.openPartials() as [WindowPartial];
    const executor = createViewExecutor({ view, allowedLatenessMs: Infinity });
    executor.restore(saved);
    expect(executor.size).toBe(1);
    expect(executor.apply(orderEvent({ event_id: 'a', amount_minor: 5 }))).toBe('duplicate');
    executor.apply(orderEvent({ event_id: 'b', amount_minor: 7 }));
    executor.restore(saved);
    expect(finalizeWindow(executor.get('m-1|EUR', T10)!).measures['revenue_minor']).toBe(12n);
    expect(finalizeWindow(saved).measures['revenue_minor']).toBe(5n);
  });

  it('hands out copies of open partials', () => {
    const executor = createViewExecutor({ view, allowedLatenessMs: Infinity });
    executor.apply(orderEvent({ event_id: 'a' }));
    const snapshot = executor.openPartials();
    executor.apply(orderEvent({ event_id: 'b' }));
    expect(finalizeWindow(snapshot[0]!).measures['orders']).toBe(1n);
    expect([...snapshot[0]!.eventIds]).toEqual(['a']);
  });
});
