export type Progress = (message: string) => void;

export function progressFor(scope: string): Progress {
  return (message) => console.log(`[stack] ${scope}: ${message}`);
}

export function failureFor(scope: string): Progress {
  return (message) => console.error(`[stack] ${scope}: ${message}`);
}

export function secondsSince(startedAt: number): number {
  return Math.round((Date.now() - startedAt) / 1000);
}

/** Announces a long activity, then repeats it with the elapsed time until the work settles. */
export async function withHeartbeat<T>(
  progress: Progress,
  activity: string,
  work: () => Promise<T>,
  intervalMs = 5000,
): Promise<T> {
  const startedAt = Date.now();
  progress(`${activity}…`);
  const timer = setInterval(
    () => progress(`${activity} (${secondsSince(startedAt)}s)…`),
    intervalMs,
  );
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
