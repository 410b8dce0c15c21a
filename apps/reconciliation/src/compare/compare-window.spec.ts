import { createViewExecutor, type WindowPartial } from '@lambda/transforms';
import { everyKind, orderEvent } from '../testing/order-event.js';
import { compareWindow, type WindowInputs } from './compare-window.js';

const view = everyKind;
const HOUR_START = Date.UTC(2026, 10, 22, 10);
const at = (minute: number) => new Date(HOUR_START + minute * 60_000).toISOString();

/** The one partial the events make in the test hour (as speed or as the late contribution). */
function partialOf(events: Record<string, unknown>[]): WindowPartial {
  const executor = createViewExecutor({ view, allowedLatenessMs: Infinity });
  for (const event of events) executor.apply(orderEvent(event));
  const [partial] = executor.openPartials();
  if (!partial) throw new Error('the events must make a partial');
  return partial;
}

const inputs = (overrides: Partial<WindowInputs>): WindowInputs => ({
  key: 'm-1',
  windowStartMs: HOUR_START,
  batch: undefined,
  speed: undefined,
  late: undefined,
  lateEvents: 0,
  speedAbsent: false,
  ...overrides,
});

const byMeasure = (input: WindowInputs) =>
  Object.fromEntries(compareWindow(view, input).map((c) => [c.measure, c]));

const early = [
  { event_id: 'a', occurred_at: at(1), amount_minor: 300, customer_id: 'c-1' },
  { event_id: 'b', occurred_at: at(2), amount_minor: 500, customer_id: 'c-2' },
];
const lateOnes = [
  { event_id: 'c', occurred_at: at(3), amount_minor: 100, customer_id: 'c-2' },
  { event_id: 'd', occurred_at: at(4), amount_minor: 900, customer_id: 'c-3' },
];
// What batch publishes for all four events.
const batchOfAll = {
  orders: 4n,
  revenue_minor: 1800n,
  smallest: 100n,
  largest: 900n,
  customers: 3n,
};

describe('compareWindow', () => {
  it('finds nothing when speed and batch agree', () => {
    const compared = compareWindow(
      view,
      inputs({
        speed: partialOf(early),
        batch: { orders: 2n, revenue_minor: 800n, smallest: 300n, largest: 500n, customers: 2n },
      }),
    );
    expect(compared.every((c) => c.divergence === 0n && c.kind === undefined)).toBe(true);
    expect(compared.find((c) => c.measure === 'revenue_minor')?.batchMagnitude).toBe(800n);
  });

  it('explains exactly what the late events would have added, measure by measure', () => {
    const c = byMeasure(
      inputs({
        speed: partialOf(early),
        late: partialOf(lateOnes),
        lateEvents: 2,
        batch: batchOfAll,
      }),
    );
    expect(c['orders']).toMatchObject({ speed: 2n, expected: 4n, divergence: 2n, explained: 2n });
    expect(c['revenue_minor']).toMatchObject({ divergence: 1000n, explained: 1000n });
    expect(c['smallest']).toMatchObject({ speed: 300n, expected: 100n, explained: 200n });
    expect(c['largest']).toMatchObject({ speed: 500n, expected: 900n, explained: 400n });
    // c-2 was already counted by speed: only c-3 is new, and that is exactly batch's difference.
    expect(c['customers']).toMatchObject({
      speed: 2n,
      expected: 3n,
      divergence: 1n,
      explained: 1n,
    });
    for (const comparison of Object.values(c))
      expect(comparison).toMatchObject({ unexplained: 0n, kind: 'late' });
  });

  it('leaves the part of the difference the late events do not account for unexplained', () => {
    const c = byMeasure(
      inputs({
        speed: partialOf(early),
        late: partialOf(lateOnes),
        lateEvents: 2,
        batch: { ...batchOfAll, orders: 5n, largest: 1000n, customers: 2n },
      }),
    );
    // One order more than speed plus its two late ones.
    expect(c['orders']).toMatchObject({ divergence: 3n, explained: 2n, unexplained: 1n });
    expect(c['orders']!.kind).toBe('unexplained');
    // The late maximum (900) gets 400 of the 500 towards batch's 1000.
    expect(c['largest']).toMatchObject({ divergence: 500n, explained: 400n, unexplained: 100n });
    // Batch agrees with speed: the late customer c-3 is not in batch (yet), nothing to explain.
    expect(c['customers']).toMatchObject({ divergence: 0n, explained: 0n, kind: undefined });
  });

  it('credits late events past batch with the whole difference: batch may not count them yet', () => {
    const c = byMeasure(
      inputs({
        speed: partialOf(early),
        late: partialOf(lateOnes),
        lateEvents: 2,
        batch: { ...batchOfAll, orders: 3n, revenue_minor: 900n },
      }),
    );
    expect(c['orders']).toMatchObject({ divergence: 1n, explained: 1n, unexplained: 0n });
    expect(c['revenue_minor']).toMatchObject({ divergence: 100n, explained: 100n, kind: 'late' });
  });

  it('explains nothing with late events that move speed away from batch', () => {
    const c = byMeasure(
      inputs({
        speed: partialOf(early),
        late: partialOf(lateOnes),
        lateEvents: 2,
        batch: { ...batchOfAll, orders: 1n, smallest: 300n },
      }),
    );
    expect(c['orders']).toMatchObject({ divergence: 1n, explained: 0n, unexplained: 1n });
    expect(c['smallest']).toMatchObject({ divergence: 0n, explained: 0n, kind: undefined });
  });

  it('counts a window speed lost for one key as unexplained, with empty min and max as absent', () => {
    const c = byMeasure(inputs({ batch: batchOfAll }));
    expect(c['orders']).toMatchObject({
      speed: 0n,
      divergence: 4n,
      unexplained: 4n,
      kind: 'unexplained',
    });
    expect(c['smallest']).toMatchObject({ speed: null, divergence: 100n, unexplained: 100n });
  });

  it('explains a window speed holds for no key at all as missing speed', () => {
    const c = byMeasure(inputs({ batch: batchOfAll, speedAbsent: true }));
    expect(c['revenue_minor']).toMatchObject({
      divergence: 1800n,
      explained: 1800n,
      unexplained: 0n,
      kind: 'missing_speed',
    });
  });

  it('counts speed numbers for a window batch has no row for as unexplained', () => {
    const c = byMeasure(inputs({ speed: partialOf(early) }));
    expect(c['orders']).toMatchObject({ batch: 0n, divergence: 2n, unexplained: 2n });
    expect(c['largest']).toMatchObject({ batch: null, batchMagnitude: 0n, unexplained: 500n });
  });

  it('measures differences of negative amounts by their size', () => {
    const speed = partialOf([{ event_id: 'a', occurred_at: at(1), amount_minor: -60_000 }]);
    const c = byMeasure(
      inputs({
        speed,
        batch: {
          orders: 1n,
          revenue_minor: -50_000n,
          smallest: -60_000n,
          largest: -60_000n,
          customers: 1n,
        },
      }),
    );
    expect(c['revenue_minor']).toMatchObject({ divergence: 10_000n, batchMagnitude: 50_000n });
  });
});
