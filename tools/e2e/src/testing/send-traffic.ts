import type { StreamItem } from '@lambda/testing';

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
  const events = items.flatMap((item) => (item.kind === 'malformed' ? [] : [item.document]));
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
