import fc from 'fast-check';
import {
  count,
  createViewExecutor,
  defineView,
  distinct,
  emptyPartial,
  EventIdSet,
  finalizeWindow,
  max,
  mergePartials,
  min,
  sum,
  type MeasureState,
  type WindowPartial,
} from './index.js';
import { orderDeliveries } from './testing/order-deliveries.js';

const view = defineView({
  id: 'merge_test',
  version: 1,
  description: 'One measure of each kind.',
  source: { type: 'order', versions: [1, 2] },
  key: ['merchant_id'],
  window: '1d',
  measures: {
    orders: count(),
    revenue_minor: sum('amount_minor'),
    smallest: min('amount_minor'),
    largest: max('amount_minor'),
    customers: distinct('customer_id'),
  },
});

const integer = fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n });
const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'));
const partial: fc.Arbitrary<WindowPartial> = fc
  .record({
    orders: fc.bigInt({ min: 0n, max: 2n ** 60n }),
    revenue: integer,
    smallest: fc.option(integer),
    largest: fc.option(integer),
    customers: names,
    eventIds: names,
    lateDropped: fc.nat(),
  })
  .map(({ orders, revenue, smallest, largest, customers, eventIds, lateDropped }) => ({
    key: 'm-1',
    windowStartMs: 0,
    measures: {
      orders: { kind: 'count', value: orders },
      revenue_minor: { kind: 'sum', value: revenue },
      smallest: { kind: 'min', value: smallest },
      largest: { kind: 'max', value: largest },
      customers: { kind: 'distinct', values: new Set(customers) },
    } satisfies Record<string, MeasureState>,
    eventIds: EventIdSet.of(eventIds),
    lateDropped,
  }));

/** Equal partials hold the same ids, in whatever order they were added. */
const comparable = (p: WindowPartial) => ({ ...p, eventIds: new Set(p.eventIds) });

describe('mergePartials', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(partial, partial, (a, b) =>
        expect(comparable(mergePartials(a, b))).toEqual(comparable(mergePartials(b, a))),
      ),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(partial, partial, partial, (a, b, c) =>
        expect(comparable(mergePartials(mergePartials(a, b), c))).toEqual(
          comparable(mergePartials(a, mergePartials(b, c))),
        ),
      ),
    );
  });

  it('has the empty partial as identity', () => {
    fc.assert(
      fc.property(partial, (a) =>
        expect(comparable(mergePartials(a, emptyPartial(view, 'm-1', 0)))).toEqual(comparable(a)),
      ),
    );
  });

  it('combines per-partition executors into what one executor computes', () => {
    fc.assert(
      fc.property(orderDeliveries(), (deliveries) => {
        const single = createViewExecutor({ view, allowedLatenessMs: Infinity });
        const perPartition = [0, 1, 2].map(() =>
          createViewExecutor({ view, allowedLatenessMs: Infinity }),
        );
        for (const delivery of deliveries) {
          single.apply(delivery.event);
          perPartition[delivery.kafkaPartition]!.apply(delivery.event);
        }
        const merged = new Map<string, WindowPartial>();
        for (const part of perPartition.flatMap((executor) => executor.openPartials())) {
          const id = `${part.windowStartMs}/${part.key}`;
          const seen = merged.get(id);
          merged.set(id, seen ? mergePartials(seen, part) : part);
        }
        const byWindowAndKey = (a: WindowPartial, b: WindowPartial) =>
          a.windowStartMs - b.windowStartMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
        expect([...merged.values()].sort(byWindowAndKey).map(finalizeWindow)).toEqual(
          single.openPartials().sort(byWindowAndKey).map(finalizeWindow),
        );
      }),
    );
  });

  it('refuses partials of different keys or windows', () => {
    const a = emptyPartial(view, 'm-1', 0);
    expect(() => mergePartials(a, emptyPartial(view, 'm-2', 0))).toThrow(
      /same view, key and window/,
    );
    expect(() => mergePartials(a, emptyPartial(view, 'm-1', 86_400_000))).toThrow(
      /same view, key and window/,
    );
  });
});
