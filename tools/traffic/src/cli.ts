import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateOrderStream, itemBytes, type StreamItem } from '@lambda/testing';

const usage = `usage: npm run traffic -- [--url http://127.0.0.1:8081] [--rate 1000] [--duration 30]
       [--batch 100] [--seed N] [--key dev-key-insecure] [--out .demo/traffic.ndjson]
Sends realistic orders to ingest (5% late, 3% re-delivered, 1% malformed) and records every item
with the HTTP status it got, so an oracle can be computed from what was accepted.`;

function options() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8081' },
      rate: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '30' },
      batch: { type: 'string', default: '100' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      key: { type: 'string', default: process.env['INGEST_API_KEY'] ?? 'dev-key-insecure' },
      out: { type: 'string', default: '.demo/traffic.ndjson' },
      help: { type: 'boolean', default: false },
    },
  });
  const numbers = {
    rate: Number(values.rate),
    duration: Number(values.duration),
    batch: Number(values.batch),
    seed: Number(values.seed),
  };
  for (const [name, value] of Object.entries(numbers))
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(
        `--${name} must be a positive integer (got "${values[name as keyof typeof values]}")`,
      );
  return { ...values, ...numbers };
}

/** Groups items into requests: valid events `batch` at a time, each malformed body on its own. */
function requestsOf(items: readonly StreamItem[], batch: number): StreamItem[][] {
  const requests: StreamItem[][] = [];
  let current: StreamItem[] = [];
  for (const item of items) {
    if (item.kind === 'malformed') requests.push([item]);
    else if (current.push(item) >= batch) {
      requests.push(current);
      current = [];
    }
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

const bodyOf = (request: StreamItem[]) =>
  request[0]?.kind === 'malformed'
    ? itemBytes(request[0])
    : `[${request.map(itemBytes).join(',')}]`;

async function main() {
  const o = options();
  const total = o.rate * o.duration;
  const items = generateOrderStream({
    seed: o.seed,
    count: total,
    startMs: Date.now(),
    stepMs: 1000 / o.rate,
    duplicateRate: 0.03,
    lateRate: 0.05,
    lateByMs: [60_000, 3 * 3_600_000],
    malformedRate: 0.01,
  });
  await mkdir(path.dirname(o.out), { recursive: true });
  const record = createWriteStream(o.out, { flags: 'a' });
  const started = Date.now();
  const statuses = new Map<number, number>();
  let sent = 0;
  for (const request of requestsOf(items, o.batch)) {
    const response = await fetch(`${o.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.key}` },
      body: bodyOf(request),
    }).catch(() => undefined);
    const status = response?.status ?? 0;
    await response?.arrayBuffer();
    statuses.set(status, (statuses.get(status) ?? 0) + request.length);
    for (const item of request) record.write(`${JSON.stringify({ status, item })}\n`);
    sent += request.length;
    const ahead = (sent / o.rate) * 1000 - (Date.now() - started);
    if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
    if (sent % (o.rate * 5) < request.length)
      console.log(
        `[traffic] ${sent}/${total} items, ${[...statuses].map(([s, n]) => `${s || 'error'}: ${n}`).join(', ')}`,
      );
  }
  record.end();
  console.log(
    `[traffic] done: ${sent} items in ${((Date.now() - started) / 1000).toFixed(1)} s; recorded in ${o.out}`,
  );
}

main().catch((error: unknown) => {
  console.error(`traffic: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
});
