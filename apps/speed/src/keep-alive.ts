/**
 * Runs `work` (waiting on the stores) while heartbeating the consumer group every second, so a
 * slow batch on a loaded machine does not cost this member its session: an expelled member's
 * batch is done again by the next owner, and under load that repeats (the drills once did not
 * catch up in 300 s). Not a blanket timer: it lasts only while `work` runs, and every store
 * request ends by its timeout, so a stuck handler still loses the session.
 */
export async function keepingAlive<T>(
  heartbeat: () => Promise<void>,
  work: () => Promise<T>,
): Promise<T> {
  const pulse = setInterval(() => void heartbeat().catch(() => undefined), 1000);
  try {
    return await work();
  } finally {
    clearInterval(pulse);
  }
}
