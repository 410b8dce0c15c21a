import { finalizeWindow } from '@lambda/transforms';
import type { MasterDelivery } from '@lambda/schemas';
import { everyKind, orderEvent } from '../testing/order-event.js';
import { lateContributions, windowId } from './late-contribution.js';

const HOUR = Date.UTC(2026, 10, 22, 10);
const delivery = (
  kafkaPartition: number,
  kafkaOffset: number,
  fields: Record<string, unknown>,
): MasterDelivery => ({ event: orderEvent(fields), kafkaPartition, kafkaOffset });

describe('lateContributions', () => {
  it('applies the view to late deliveries as batch does: filter, key, window, first delivery wins', () => {
    const contributions = lateContributions(
      everyKind,
      [
        // Offered out of order: the first delivery by (partition, offset) must win.
        delivery(1, 7, { event_id: 'x', amount_minor: 999 }),
        delivery(1, 3, { event_id: 'x', amount_minor: 100 }),
        delivery(0, 9, { event_id: 'y', status: 'cancelled' }),
        delivery(2, 1, { event_id: 'z', merchant_id: 'm-2', amount_minor: 50 }),
      ],
      [],
    );
    expect(finalizeWindow(contributions.get(windowId('m-1', HOUR))!).measures).toMatchObject({
      orders: 1n,
      revenue_minor: 100n,
    });
    expect(finalizeWindow(contributions.get(windowId('m-2', HOUR))!).measures).toMatchObject({
      orders: 1n,
      revenue_minor: 50n,
    });
  });

  it('adds nothing for a late re-delivery of an event speed applied', () => {
    const contributions = lateContributions(
      everyKind,
      [
        delivery(0, 1, { event_id: 'applied' }),
        delivery(0, 2, { event_id: 'new', amount_minor: 5 }),
      ],
      [{ key: 'm-1', windowStartMs: HOUR, eventIds: new Set(['applied']) }],
    );
    expect(finalizeWindow(contributions.get(windowId('m-1', HOUR))!).measures).toMatchObject({
      orders: 1n,
      revenue_minor: 5n,
    });
  });
});
