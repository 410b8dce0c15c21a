import { isRetriable } from './platform-error.js';

export interface RetryOptions {
  /** Attempts in total, including the first. Default 5. */
  attempts?: number;
  /** First back-off delay in ms; doubles each attempt. Default 100. */
  initialDelayMs?: number;
  /** Upper bound for one delay in ms. Default 5000. */
  maxDelayMs?: number;
  /** Decides whether an error is worth another attempt. Default: `isRetriable`. */
  shouldRetry?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
}

/** Runs `operation` until it succeeds, a non-retriable error occurs, or attempts run out. */
export async function retry<T>(
  operation: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const shouldRetry = options.shouldRetry ?? isRetriable;
  let delayMs = options.initialDelayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !shouldRetry(error) || options.signal?.aborted) throw error;
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, options.signal);
      delayMs = Math.min(delayMs * 2, options.maxDelayMs ?? 5000);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
