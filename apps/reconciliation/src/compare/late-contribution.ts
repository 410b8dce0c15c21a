import type { MasterDelivery } from '@lambda/schemas';
import {
  createViewExecutor,
  emptyPartial,
  EventIdSet,
  type View,
  type WindowPartial,
} from '@lambda/transforms';

/** The event_ids speed applied to one window: late re-deliveries of them add nothing. */
export interface AppliedEvents {
  key: string;
  windowStartMs: number;
  eventIds: ReadonlySet<string>;
}

const byDelivery = (a: MasterDelivery, b: MasterDelivery) =>
  a.kafkaPartition - b.kafkaPartition || a.kafkaOffset - b.kafkaOffset;

/**
 * What the late events would have added to speed, per (key, window): their deliveries from the
 * master dataset run through the view's own executor, without a lateness limit and in delivery
 * order, so the filter, the key, the window and first-delivery-wins are exactly batch's. Each
 * window starts from the event_ids speed already applied, so a late re-delivery counts nothing.
 */
export function lateContributions(
  view: View,
  deliveries: readonly MasterDelivery[],
  applied: readonly AppliedEvents[],
): Map<string, WindowPartial> {
  const executor = createViewExecutor({ view, allowedLatenessMs: Infinity });
  for (const { key, windowStartMs, eventIds } of applied)
    executor.restore({
      ...emptyPartial(view, key, windowStartMs),
      eventIds: EventIdSet.of(eventIds),
    });
  for (const { event } of [...deliveries].sort(byDelivery)) executor.apply(event);
  return new Map(
    executor
      .openPartials()
      .map((partial) => [windowId(partial.key, partial.windowStartMs), partial]),
  );
}

export const windowId = (key: string, windowStartMs: number) => `${windowStartMs}\u0000${key}`;
