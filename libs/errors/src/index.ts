/** Typed, retriable-aware errors and the single retry helper every store adapter uses. */
export { PlatformError, isRetriable } from './platform-error.js';
export type { PlatformErrorOptions } from './platform-error.js';
export { retry, sleep } from './retry.js';
export type { RetryOptions } from './retry.js';
