import { parseEvent, type ParsedEvent } from '@lambda/schemas';
import { merchantRevenueHourly, orderStatus5m } from '@lambda/transforms';
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

const newState = () =>
  createPartitionState({
    kafkaPartition: 3,
    views: [merchantRevenueHourly, orderStatus5m],
    allowedLatenessMs: 0,
    checkpoint: undefined,
  });

describe('partition state', () => {
  it('collects one write per changed window with the event_ids it took in, then forgets them', () => {
    const state = newState();
    const first = order(1);
    state.apply(first, 10n);
    state.apply(first, 11n);
    state.apply(order(2), 12n);
    const writes = state.takeWrites();
    const revenue = writes.partials.find((w) => w.view === merchantRevenueHourly)!;
    expect(revenue).toMatchObject({
      key: 'm1|EUR',
      windowStartMs: Date.UTC(2026, 0, 1),
      kafkaPartition: 3,
      maxOffset: 12n,
    });
    expect(revenue.newEventIds).toEqual([first.eventId, expect.any(String)]);
    expect(revenue.partial.measures['revenue_minor']).toEqual({ kind: 'sum', value: 200n });
    expect(writes.checkpoint).toEqual({
      kafkaPartition: 3,
      watermarkMs: Date.UTC(2026, 0, 1) + 120_000,
      maxOffset: 12n,
    });
    expect(state.takeWrites().partials).toEqual([]);
  });

  it('records events for settled windows as late, per view, and writes nothing for them', () => {
    const state = newState();
    state.apply(order(0), 1n);
    state.apply(order(2 * 60), 2n);
    state.takeWrites();
    const late = order(5);
    expect(state.apply(late, 3n)).toEqual([merchantRevenueHourly, orderStatus5m]);
    const writes = state.takeWrites();
    expect(writes.partials).toEqual([]);
    expect(writes.lateEvents.map((l) => [l.view.id, l.eventId])).toEqual([
      ['merchant_revenue_hourly', late.eventId],
      ['order_status_5m', late.eventId],
    ]);
  });

  it('asks to load only partials it neither holds nor considers settled', () => {
    const state = newState();
    state.apply(order(3 * 60), 1n);
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
    state.apply(order(0), 1n);
    state.apply(order(3 * 60), 2n);
    state.takeWrites();
    expect(state.evictSettled()).toBe(2);
  });
});
