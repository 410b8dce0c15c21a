import { badRequest } from '@lambda/http';
import type { View } from '@lambda/transforms';
import { parseInstant } from './instant.js';

/** Half-open [fromMs, toMs), both on window boundaries of the view. */
export interface WindowRange {
  fromMs: number;
  toMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The requested range, which must start and end on the view's window boundaries (UTC, aligned to
 * the epoch) and span between one and `maxWindows` windows. Bounds are never rounded: a silently
 * widened range would report numbers for time the client did not ask about.
 */
export function parseWindowRange(
  view: View,
  { from, to }: { from?: string; to?: string },
  maxWindows: number,
): WindowRange {
  if (from === undefined || to === undefined)
    throw badRequest('missing_parameter', 'from and to are required (half-open range [from, to)).');
  const fromMs = parseInstant('from', from);
  const toMs = parseInstant('to', to);
  if (toMs <= fromMs)
    throw badRequest(
      'invalid_range',
      `to (${iso(toMs)}) must be after from (${iso(fromMs)}); the range is half-open [from, to).`,
    );
  for (const [parameter, ms] of [
    ['from', fromMs],
    ['to', toMs],
  ] as const)
    if (ms % view.windowMs !== 0)
      throw badRequest(
        'unaligned_range',
        `${parameter} (${iso(ms)}) is not on a window boundary: view ${view.id} has ${view.window} windows (${view.windowMs} ms), starting at multiples of ${view.windowMs} ms since the epoch (UTC).`,
        { parameter, windowMs: view.windowMs },
      );
  const windows = (toMs - fromMs) / view.windowMs;
  if (windows > maxWindows)
    throw badRequest(
      'range_too_large',
      `The range spans ${windows} windows of ${view.window}; at most ${maxWindows} are served per request.`,
      { windows, maxWindows },
    );
  return { fromMs, toMs };
}
