import { documentsOf, type StreamItem } from '@lambda/testing';

export const DEV_KEY = 'dev-key-insecure';
const headers = { authorization: `Bearer ${DEV_KEY}`, 'content-type': 'application/json' };

/**
 * Sends items through ingest as a client would: events in JSON-array requests of `chunk`, each
 * malformed item in a request of its own (ingest accepts a request whole or not at all). Throws
 * unless every event request is answered 202 and every malformed one with a 4xx.
 */
export async function sendThroughIngest(
  ingestUrl: string,
  items: readonly StreamItem[],
  chunk = 200,
): Promise<{ accepted: number; rejected: number }> {
  let accepted = 0;
  let rejected = 0;
  const post = (body: string) => fetch(`${ingestUrl}/v1/events`, { method: 'POST', headers, body });
  const events = documentsOf(items);
  for (let from = 0; from < events.length; from += chunk) {
    const res = await post(JSON.stringify(events.slice(from, from + chunk)));
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    accepted += ((await res.json()) as { accepted: number }).accepted;
  }
  for (const item of items) {
    if (item.kind !== 'malformed') continue;
    const res = await post(item.body);
    if (res.status < 400 || res.status >= 500)
      throw new Error(`malformed body answered ${res.status}: ${await res.text()}`);
    await res.body?.cancel();
    rejected++;
  }
  return { accepted, rejected };
}

/**
 * Sends events as a well-behaved client through store outages: `chunk` events per request,
 * `pauseMs` apart, a request answered 503 (or not answered) is sent again after its
 * Retry-After. Stops early once `stopped()` is true. Returns the event_ids answered 202.
 */
export async function sendPersistently(
  ingestUrl: () => string,
  events: readonly Record<string, unknown>[],
  {
    chunk = 100,
    pauseMs = 250,
    stopped = () => false,
  }: { chunk?: number; pauseMs?: number; stopped?: () => boolean } = {},
): Promise<{ acceptedIds: string[]; unavailable: number }> {
  const acceptedIds: string[] = [];
  let unavailable = 0;
  for (let from = 0; from < events.length && !stopped(); from += chunk) {
    const batch = events.slice(from, from + chunk);
    for (;;) {
      const res = await fetch(`${ingestUrl()}/v1/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(30_000),
      }).catch(() => undefined);
      if (res?.status === 202) break;
      if (res && res.status !== 503 && res.status !== 429)
        throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      unavailable++;
      await res?.body?.cancel();
      const retryAfterS = Number(res?.headers.get('retry-after') ?? 1);
      await new Promise((resolve) => setTimeout(resolve, retryAfterS * 1000));
    }
    acceptedIds.push(...batch.map((event) => String(event['event_id'])));
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return { acceptedIds, unavailable };
}
