export type Severity = 'ok' | 'warning' | 'critical';

export interface Thresholds {
  /** Unexplained divergence above this is a warning. */
  warningRatio: number;
  /** Above this: repair and (optionally) pin. */
  criticalRatio: number;
}

/** Judged on the worst measure, as the alert rules are (strictly above each threshold). */
export function severityOf(worstUnexplainedRatio: number, thresholds: Thresholds): Severity {
  if (worstUnexplainedRatio > thresholds.criticalRatio) return 'critical';
  if (worstUnexplainedRatio > thresholds.warningRatio) return 'warning';
  return 'ok';
}

/** Pins this service sets start with it, so it never lifts a pin an operator set by hand. */
export const PIN_REASON_PREFIX = 'reconciliation:';

export interface PinState {
  pinnedToBatch: boolean;
  pinnedReason: string | null;
}

export type PinAction = 'pin' | 'unpin' | 'none';

/**
 * Critical drift pins the view to batch (if configured and not pinned yet); a clean run (nothing
 * above the warning threshold) lifts the pin this service set. A warning changes nothing.
 */
export function pinActionFor(severity: Severity, pin: PinState, pinOnCritical: boolean): PinAction {
  if (severity === 'critical') return pinOnCritical && !pin.pinnedToBatch ? 'pin' : 'none';
  const ours = pin.pinnedToBatch && (pin.pinnedReason ?? '').startsWith(PIN_REASON_PREFIX);
  return severity === 'ok' && ours ? 'unpin' : 'none';
}
