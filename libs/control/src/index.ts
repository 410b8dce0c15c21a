/**
 * The messages of lambda.control.v1, the platform's control topic: batch announces completed
 * runs there, and anyone (reconciliation, an operator) may ask batch to recompute a range.
 */
export { parseControlMessage, recomputeRequestedMessage } from './recompute-requested.js';
export type { ControlMessage, RecomputeRequested, RequestOrigin } from './recompute-requested.js';
export { parseRunCompleted } from './batch-run-completed.js';
export type { BatchRunCompleted, RunCompletedMessage } from './batch-run-completed.js';
