import type { Kafka } from 'kafkajs';

export interface Progress {
  /** ms since the watch began → events committed by the group. */
  samples: { atMs: number; committed: number }[];
  total: number;
}

/**
 * Polls a group's committed offsets until it has committed `total` messages of the topic (or
 * the deadline passes), recording how the count grew.
 */
export async function watchGroup(
  kafka: Kafka,
  {
    groupId,
    topic,
    total,
    timeoutMs,
    intervalMs = 250,
  }: {
    groupId: string;
    topic: string;
    total: number;
    timeoutMs: number;
    intervalMs?: number;
  },
): Promise<Progress> {
  const admin = kafka.admin();
  await admin.connect();
  const started = performance.now();
  const samples: Progress['samples'] = [];
  try {
    for (;;) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = (offsets?.partitions ?? []).reduce(
        (sum, p) => sum + Math.max(0, Number(p.offset)),
        0,
      );
      const atMs = performance.now() - started;
      samples.push({ atMs, committed });
      if (committed >= total) return { samples, total };
      if (atMs > timeoutMs)
        throw new Error(`group ${groupId} committed ${committed} of ${total} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  } finally {
    await admin.disconnect();
  }
}

/** When the committed count first reached `count`, linearly between samples. */
function timeOf({ samples }: Progress, count: number): number {
  const after = samples.findIndex((s) => s.committed >= count);
  const b = samples[after]!;
  const a = samples[after - 1];
  if (!a || b.committed === a.committed) return b.atMs;
  return a.atMs + ((count - a.committed) / (b.committed - a.committed)) * (b.atMs - a.atMs);
}

/** Events/s over the whole watch: start-up, group join and the tail included. */
export const overallRate = (progress: Progress) =>
  (progress.total * 1000) / timeOf(progress, progress.total);

/** Events/s between 10% and 90% committed: the sustained rate, without start-up and tail. */
export function sustainedRate(progress: Progress) {
  const [from, to] = [0.1 * progress.total, 0.9 * progress.total];
  return ((to - from) * 1000) / (timeOf(progress, to) - timeOf(progress, from));
}
