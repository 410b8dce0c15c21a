import { identifier, literal } from '@lambda/schemas';

/** Tumbling event-time window length such as `5m`, `1h`, `1d`. */
export type WindowSpec = `${number}${'s' | 'm' | 'h' | 'd'}`;

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const WINDOW_SPEC = /^([1-9][0-9]{0,5})([smhd])$/;

/** Window length in ms, or undefined when the spec is not a positive whole number of s, m, h or d. */
export function parseWindowMs(spec: string): number | undefined {
  const match = WINDOW_SPEC.exec(spec);
  const unit = match?.[2] as keyof typeof UNIT_MS | undefined;
  return match && unit ? Number(match[1]) * UNIT_MS[unit] : undefined;
}

/** UTC, aligned to the epoch. `intDiv` truncates toward zero, which agrees because event times are after 2000. */
export function windowStartMs(occurredAtMs: number, windowMs: number): number {
  return Math.floor(occurredAtMs / windowMs) * windowMs;
}

/** `windowStartMs` in ClickHouse SQL: integer arithmetic on the exact event time. */
export function windowStartSql(windowMs: number): string {
  return `intDiv(${identifier('occurred_at_ms')}, ${literal(windowMs)}) * ${literal(windowMs)}`;
}
