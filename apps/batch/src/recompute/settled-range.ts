/**
 * The batch watermark W: window-aligned, so no window is half batch, half speed. Every window
 * ending at or before W ended at least `settleDelayMs` ago.
 */
export function batchWatermarkMs(windowMs: number, nowMs: number, settleDelayMs: number): number {
  return Math.floor((nowMs - settleDelayMs) / windowMs) * windowMs;
}

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/**
 * The windows a requested range touches (widened to whole windows), limited to those batch
 * already serves; undefined when none is left.
 */
export function servedWindowsOf(
  windowMs: number,
  requested: TimeRange,
  watermarkMs: number,
): TimeRange | undefined {
  const fromMs = Math.floor(requested.fromMs / windowMs) * windowMs;
  const toMs = Math.min(Math.ceil(requested.toMs / windowMs) * windowMs, watermarkMs);
  return fromMs < toMs ? { fromMs, toMs } : undefined;
}
