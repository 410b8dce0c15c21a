import type { MeasureComparison } from './compare-window.js';

/** One measure of a view version over every compared window: exact sums, then ratios. */
export interface MeasureDivergence {
  measure: string;
  /** Σ |batch| */
  batchMagnitude: bigint;
  /** Σ |speed - batch| */
  divergence: bigint;
  explained: bigint;
  unexplained: bigint;
  divergingWindows: number;
  unexplainedWindows: number;
}

export interface DivergenceRatios {
  total: number;
  explained: number;
  unexplained: number;
}

/**
 * numerator / denominator. With nothing in batch to weigh against (every window 0 or empty),
 * any difference is total divergence: 1, rather than an infinity no JSON or alert can hold.
 */
export function ratio(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) return numerator === 0n ? 0 : 1;
  return Number(numerator) / Number(denominator);
}

export const ratiosOf = (d: MeasureDivergence): DivergenceRatios => ({
  total: ratio(d.divergence, d.batchMagnitude),
  explained: ratio(d.explained, d.batchMagnitude),
  unexplained: ratio(d.unexplained, d.batchMagnitude),
});

/** Adds up window comparisons per measure, weighting each window by its batch magnitude. */
export function createDivergenceTally(measures: readonly string[]) {
  const byMeasure = new Map<string, MeasureDivergence>(
    measures.map((measure) => [
      measure,
      {
        measure,
        batchMagnitude: 0n,
        divergence: 0n,
        explained: 0n,
        unexplained: 0n,
        divergingWindows: 0,
        unexplainedWindows: 0,
      },
    ]),
  );
  let windows = 0;
  return {
    add(comparisons: readonly MeasureComparison[]) {
      windows++;
      for (const c of comparisons) {
        const total = byMeasure.get(c.measure);
        if (!total) continue;
        total.batchMagnitude += c.batchMagnitude;
        total.divergence += c.divergence;
        total.explained += c.explained;
        total.unexplained += c.unexplained;
        if (c.divergence > 0n || c.unexplained > 0n) total.divergingWindows++;
        if (c.unexplained > 0n) total.unexplainedWindows++;
      }
    },
    get windows() {
      return windows;
    },
    measures: (): MeasureDivergence[] => [...byMeasure.values()],
  };
}

/** The largest unexplained ratio over the measures: what thresholds are judged on. */
export const worstUnexplained = (measures: readonly MeasureDivergence[]) =>
  Math.max(0, ...measures.map((m) => ratiosOf(m).unexplained));
