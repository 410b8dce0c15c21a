import type { ParseIssue } from '@lambda/schemas';

/** Why an event was refused: the closed label set of `events_rejected_total{reason}`. */
export const REJECTION_REASONS = [
  'invalid_event',
  'unknown_type',
  'unknown_version',
  'malformed_body',
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** One refused event, or the whole body when `index` is null. */
export interface Rejection {
  readonly index: number | null;
  readonly eventId?: string;
  readonly reason: RejectionReason;
  readonly issues: readonly ParseIssue[];
  /** The offending event's JSON or a body excerpt, bounded (see excerpt.ts). */
  readonly raw: string;
}
