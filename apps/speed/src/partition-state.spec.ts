import { parseEvent, type ParsedEvent } from '@lambda/schemas';
import {
  emptyPartial,
  merchantRevenueHourly,
  merchantUniqueCustomersDaily,
  orderStatus5m,
  unpackEventIds,
} from '@lambda/transforms';
import { createPartitionState } from './partition-state.js';

const HOUR = 3_600_000;
let sequence = 0;
function order(minute: number, fields: Record<string, unknown> = {}): ParsedEvent {
  const parsed = parseEvent({
    event_id: `e${sequence++}`,
    type: 'order',
    schema_version: 1,
    occurred_at: new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString(),
    order_id: 'o1',
    merchant_id: 'm1',
    customer_id: 'c1',
    amount_minor: 100,
    currency: 'EUR',
    status: 'completed',
    ...fields,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.event;
}

type Progress = { watermarkMs: number | null; maxOffset: bigint; maxWindowStartMs: number | null };
const newState = (progress?: Progress) =>
  createPartitionState({
    kafkaPartition: 3,
    views: [merchantRevenueHourly, orderStatus5m],
    allowedLatenessMs: 0,
    progress,
  });

describe('partition state', () => {
  it('collects one write per changed window with the event_ids it took in, then forgets them', () => {
    const state = newState();
    const first = order(1);
    state.apply(first);
    state.apply(first);
    state.apply(order(2));
    const writes = state.takeWrites(12n);
    const revenue = writes.partials.find((w) => w.view === merchantRevenueHourly)!;
    expect(revenue).toMatchObject({
      key: 'm1|EUR',
      windowStartMs: Date.UTC(2026, 0, 1),
      kafkaPartition: 3,
      maxOffset: 12n,
    });
    expect(unpackEventIds(revenue.newEventIds)).toEqual([first.eventId, expect.any(String)]);
    expect(revenue.partial.measures['revenue_minor']).toEqual({ kind: 'sum', value: 200n });
    expect(writes.progress).toEqual({
      kafkaPartition: 3,
      watermarkMs: Date.UTC(2026, 0, 1) + 120_000,
      maxOffset: 12n,
    });
    expect(state.appliedOffset).toBe(12n);
    expect(state.takeWrites(13n).partials).toEqual([]);
  });

  it('records events for settled windows as late, per view, and writes nothing for them', () => {
    const state = newState();
    state.apply(order(0));
    state.apply(order(2 * 60));
    state.takeWrites(2n);
    const late = order(5);
    expect(state.apply(late)).toEqual([merchantRevenueHourly, orderStatus5m]);
    const writes = state.takeWrites(3n);
    expect(writes.partials).toEqual([]);
    expect(writes.lateEvents.map((l) => [l.view.id, l.eventId])).toEqual([
      ['merchant_revenue_hourly', late.eventId],
      ['order_status_5m', late.eventId],
    ]);
  });

  it('asks to load only partials it neither holds nor considers settled', () => {
    const state = newState({ watermarkMs: null, maxOffset: 0n, maxWindowStartMs: null });
    state.apply(order(3 * 60));
    const missing = state.missingPartials([
      order(3 * 60 + 1),
      order(10),
      order(4 * 60),
      order(4 * 60 + 5, { status: 'created' }),
    ]);
    expect(missing.map((m) => [m.view.id, m.windowStartMs - Date.UTC(2026, 0, 1)])).toEqual([
      ['merchant_revenue_hourly', 4 * HOUR],
      ['order_status_5m', 4 * HOUR],
      ['order_status_5m', 4 * HOUR + 5 * 60_000],
    ]);
  });

  it('evicts windows past the allowed lateness once they are written', () => {
    const state = newState();
    state.apply(order(0));
    state.apply(order(3 * 60));
    state.takeWrites(2n);
    expect(state.evictSettled()).toBe(2);
  });

  it('resumes from stored progress: its offset and the watermark late events are judged by', () => {
    const state = newState({
      watermarkMs: Date.UTC(2026, 0, 1, 3),
      maxOffset: 41n,
      maxWindowStartMs: null,
    });
    expect(state.appliedOffset).toBe(41n);
    expect(state.apply(order(30))).toEqual([merchantRevenueHourly, orderStatus5m]);
    expect(state.missingPartials([order(3 * 60 + 1)]).map((m) => m.view)).toEqual([
      merchantRevenueHourly,
      orderStatus5m,
    ]);
  });

  it('moves its applied offset to the end of a batch even when no event in it was valid', () => {
    const state = newState({ watermarkMs: null, maxOffset: 7n, maxWindowStartMs: null });
    expect(state.takeWrites(9n)).toEqual({
      partials: [],
      lateEvents: [],
      progress: { kafkaPartition: 3, watermarkMs: null, maxOffset: 9n },
      windowBound: undefined,
    });
    expect(state.appliedOffset).toBe(9n);
  });

  it('reads back only windows that may have rows: none before the first write, none after the bound', () => {
    expect(newState().missingPartials([order(0), order(3 * 60)])).toEqual([]);
    const bounded = newState({
      watermarkMs: Date.UTC(2026, 0, 1, 1),
      maxOffset: 5n,
      maxWindowStartMs: Date.UTC(2026, 0, 1, 1),
    });
    const missing = bounded.missingPartials([order(61), order(2 * 60 + 1)]);
    expect(missing.map((m) => [m.view.id, m.windowStartMs - Date.UTC(2026, 0, 1)])).toEqual([
      ['merchant_revenue_hourly', HOUR],
      ['order_status_5m', HOUR],
    ]);
  });

  it('raises the window bound when a write reaches a later window, and only then', () => {
    const state = newState();
    state.apply(order(10));
    expect(state.takeWrites(1n).windowBound).toEqual({
      kafkaPartition: 3,
      maxWindowStartMs: Date.UTC(2026, 0, 1) + 10 * 60_000,
      offset: 1n,
    });
    state.apply(order(11));
    expect(state.takeWrites(2n).windowBound).toBeUndefined();
  });

  it('writes only the distinct values new since the last write, none it read back', () => {
    const daily = merchantUniqueCustomersDaily;
    const state = createPartitionState({
      kafkaPartition: 3,
      views: [daily],
      allowedLatenessMs: 0,
      progress: { watermarkMs: null, maxOffset: 0n, maxWindowStartMs: Date.UTC(2026, 0, 1) },
    });
    const empty = emptyPartial(daily, 'm1', Date.UTC(2026, 0, 1));
    const customers = { kind: 'distinct', values: new Set(['c0']) } as const;
    state.restore(daily, {
      ...empty,
      measures: { ...empty.measures, unique_customers: customers },
    });
    const newDistinct = () => state.takeWrites(1n).partials.map((w) => w.newDistinctValues);

    state.apply(order(1, { customer_id: 'c0' }));
    state.apply(order(2, { customer_id: 'c1' }));
    expect(newDistinct()).toEqual([{ unique_customers: ['c1'] }]);
    state.apply(order(3, { customer_id: 'c1' }));
    state.apply(order(4, { customer_id: 'c2' }));
    state.apply(order(5, { customer_id: 'c3' }));
    expect(newDistinct()).toEqual([{ unique_customers: ['c2', 'c3'] }]);
    state.apply(order(6, { customer_id: 'c0' }));
    expect(newDistinct()).toEqual([{ unique_customers: [] }]);
  });
});
