import {
  emptyPartial,
  finalizeMeasures,
  mergePartials,
  type MeasureValue,
  type View,
  type WindowPartial,
} from '@lambda/transforms';
import { batchValue, distance, magnitude } from './measure-values.js';

/**
 * - `late`: the late-dropped events speed recorded for the window account for the difference.
 * - `missing_speed`: speed holds no row of any key for the window (expired by TTL, or never
 *   written, e.g. before a replay's start), so there is nothing to compare; batch stands.
 * - `unexplained`: everything else (a semantic difference, lost or double-counted events).
 */
export type FindingKind = 'late' | 'missing_speed' | 'unexplained';

/** What both layers hold for one (key, window) of a view version. */
export interface WindowInputs {
  key: string;
  windowStartMs: number;
  /** The published batch row's measures; undefined when batch has no row (nothing passed the filter). */
  batch: Readonly<Record<string, bigint>> | undefined;
  /** Speed's partial rows of every Kafka partition, merged; undefined when speed has none. */
  speed: WindowPartial | undefined;
  /** What the late events speed recorded but never applied would have added. */
  late: WindowPartial | undefined;
  /** Late events recorded for the window (re-deliveries of applied events included). */
  lateEvents: number;
  /** Speed holds no row and no late event of any key for this window. */
  speedAbsent: boolean;
}

export interface MeasureComparison {
  measure: string;
  speed: MeasureValue;
  batch: MeasureValue;
  /** Speed with the late events applied: what speed would show had it accepted them. */
  expected: MeasureValue;
  /** |batch|: the weight of this window in the divergence rate. */
  batchMagnitude: bigint;
  /** |speed - batch|. */
  divergence: bigint;
  /** The part of the divergence the late events (or missing speed rows) account for. */
  explained: bigint;
  /** divergence - explained: what nothing accounts for. */
  unexplained: bigint;
  kind: FindingKind | undefined;
}

function kindOf(divergence: bigint, unexplained: bigint, speedAbsent: boolean) {
  if (unexplained > 0n) return 'unexplained';
  if (divergence === 0n) return undefined;
  return speedAbsent ? 'missing_speed' : 'late';
}

/**
 * How much of the way from speed to batch the late events go: the overlap of speed → expected
 * with speed → batch on the number line (a null min or max sits at 0). Late events moving away
 * from batch explain nothing; moving past it, they explain the whole difference, since batch may
 * not have counted some of them yet (they reached the archive after its run computed the window).
 */
function lateShare(speed: MeasureValue, expected: MeasureValue, batch: MeasureValue): bigint {
  const twice = distance(speed, expected) + distance(speed, batch) - distance(expected, batch);
  return twice > 0n ? twice / 2n : 0n;
}

/**
 * Compares one window measure by measure. What the late events would have added is applied to
 * speed with the view's own merge (sums add, min/max extend, distinct values unite), so a late
 * event of a customer speed already counted explains nothing, and needs to explain nothing. The
 * part of the difference they account for is explained; the remainder is unexplained.
 */
export function compareWindow(view: View, inputs: WindowInputs): MeasureComparison[] {
  const { key, windowStartMs, speedAbsent } = inputs;
  const speedPartial = inputs.speed ?? emptyPartial(view, key, windowStartMs);
  const speed = finalizeMeasures(speedPartial.measures);
  const expected = inputs.late
    ? finalizeMeasures(mergePartials(speedPartial, inputs.late).measures)
    : speed;
  return Object.entries(view.measures).map(([measure, definition]) => {
    const batch = batchValue(definition, inputs.batch?.[measure]);
    const divergence = distance(speed[measure] ?? null, batch);
    const explained = speedAbsent
      ? divergence
      : lateShare(speed[measure] ?? null, expected[measure] ?? null, batch);
    const unexplained = divergence - explained;
    return {
      measure,
      speed: speed[measure] ?? null,
      batch,
      expected: expected[measure] ?? null,
      batchMagnitude: magnitude(batch),
      divergence,
      explained,
      unexplained,
      kind: kindOf(divergence, unexplained, speedAbsent),
    };
  });
}
