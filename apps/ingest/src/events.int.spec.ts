import type { ConsumedMessage } from '@lambda/kafka';
import { eventually } from '@lambda/testing';
import { eventsRouteViolations } from './testing/openapi-conformance.js';
import { orderEvent } from './testing/order-event.js';
import { silentLogger, startTestIngest, type TestIngest } from './testing/test-ingest.js';
import { readTopic } from './testing/test-topics.js';

let ingest: TestIngest;
let openApi: unknown;

beforeAll(async () => {
  ingest = await startTestIngest('events', { maxEvents: 50, maxBodyBytes: 64 * 1024 });
  openApi = await (await fetch(`${ingest.url}/openapi.json`)).json();
});
afterAll(() => ingest.stop());

/** The response, after checking it against the served OpenAPI document. */
async function answered(response: Promise<Response>) {
  const res = await response;
  const body: unknown = await res.json();
  const observed = { status: res.status, headers: res.headers, body };
  expect(eventsRouteViolations(openApi, observed)).toEqual([]);
  return observed as { status: number; headers: Headers; body: Record<string, unknown> };
}

const header = (message: ConsumedMessage, name: string) => message.headers?.[name]?.toString();
const byEventId = (messages: ConsumedMessage[]) =>
  new Map(messages.map((m) => [JSON.parse(String(m.value)).event_id as string, m]));

describe('POST /v1/events against the real Kafka', () => {
  const sent: Record<string, unknown>[] = [];

  it('answers 202 for a JSON array, a single object and NDJSON', async () => {
    const array = [orderEvent(), orderEvent({ schema_version: 2, loyalty_tier: 'gold' })];
    const single = orderEvent({ coupon_code: 'ÉTÉ-😀', customer_id: '客户-1' });
    const lines = [orderEvent(), orderEvent()];
    const before = Date.now();
    const answers = [
      await answered(ingest.post(JSON.stringify(array))),
      await answered(ingest.post(JSON.stringify(single))),
      await answered(
        ingest.post(lines.map((e) => JSON.stringify(e)).join('\n'), {
          contentType: 'application/x-ndjson',
        }),
      ),
    ];
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [202, { accepted: 2 }],
      [202, { accepted: 1 }],
      [202, { accepted: 2 }],
    ]);
    sent.push(...array, single, ...lines);
    const records = byEventId(
      await readTopic(ingest.kafka, ingest.settings.rawTopic, silentLogger),
    );
    for (const event of sent) {
      const record = records.get(String(event['event_id']));
      expect(String(record?.value)).toBe(JSON.stringify(event));
      expect(record?.key).toBe(event['order_id']);
      expect(header(record!, 'event-type')).toBe('order');
      expect(header(record!, 'schema-version')).toBe(String(event['schema_version']));
      expect(Number(header(record!, 'ingested-at'))).toBeGreaterThanOrEqual(before);
      expect(header(record!, 'traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    }
    const traceOf = (event: Record<string, unknown>) =>
      header(records.get(String(event['event_id']))!, 'traceparent')?.split('-')[1];
    expect(new Set(array.map(traceOf)).size).toBe(1);
    expect(new Set([traceOf(array[0]!), traceOf(single), traceOf(lines[0]!)]).size).toBe(3);
  });

  it('keeps one entity in one partition, in the order sent', async () => {
    const events = Array.from({ length: 20 }, (_, i) =>
      orderEvent({ order_id: 'o-ordered', amount_minor: i }),
    );
    for (const batch of [events.slice(0, 10), events.slice(10)])
      expect((await answered(ingest.post(JSON.stringify(batch)))).status).toBe(202);
    const records = (await readTopic(ingest.kafka, ingest.settings.rawTopic, silentLogger)).filter(
      (m) => m.key === 'o-ordered',
    );
    expect(new Set(records.map((m) => m.partition)).size).toBe(1);
    expect(records.map((m) => JSON.parse(String(m.value)).amount_minor)).toEqual(
      events.map((_, i) => i),
    );
  });

  it('accepts a repeated event again: event_id deduplicates downstream', async () => {
    const event = orderEvent();
    expect((await answered(ingest.post(JSON.stringify(event)))).status).toBe(202);
    expect((await answered(ingest.post(JSON.stringify([event, event])))).status).toBe(202);
    const copies = (await readTopic(ingest.kafka, ingest.settings.rawTopic, silentLogger)).filter(
      (m) => String(m.value) === JSON.stringify(event),
    );
    expect(copies).toHaveLength(3);
  });

  it('refuses a request with any invalid event, stores none of it and audits the rejected in the DLQ', async () => {
    const valid = orderEvent();
    const body = [
      valid,
      orderEvent({ event_id: 'mixed-amount', amount_minor: '12' }),
      orderEvent({ event_id: 'mixed-version', schema_version: 7 }),
      orderEvent({ event_id: 'mixed-type', type: 'refund' }),
      orderEvent({ event_id: 'mixed-extra', colour: 'red' }),
    ];
    const { status, body: problem } = await answered(ingest.post(JSON.stringify(body)));
    expect(status).toBe(400);
    expect(problem).toMatchObject({
      type: 'urn:lambda:problem:invalid_events',
      accepted: 0,
      rejected: [
        {
          index: 1,
          event_id: 'mixed-amount',
          reason: 'invalid_event',
          issues: [{ path: 'amount_minor', message: 'expected a safe integer' }],
        },
        {
          index: 2,
          event_id: 'mixed-version',
          reason: 'unknown_version',
          issues: [{ path: 'schema_version' }],
        },
        { index: 3, event_id: 'mixed-type', reason: 'unknown_type', issues: [{ path: 'type' }] },
        {
          index: 4,
          event_id: 'mixed-extra',
          reason: 'invalid_event',
          issues: [{ path: 'colour', message: 'unknown field' }],
        },
      ],
    });
    const raw = await readTopic(ingest.kafka, ingest.settings.rawTopic, silentLogger);
    expect(raw.some((m) => String(m.value).includes(String(valid['event_id'])))).toBe(false);

    let audit: Record<string, unknown>[] = [];
    await eventually(async () => {
      audit = (await readTopic(ingest.kafka, ingest.settings.dlqTopic, silentLogger)).map((m) =>
        JSON.parse(String(m.value)),
      );
      return audit.filter((r) => String(r['event_id']).startsWith('mixed-')).length === 4;
    });
    expect(audit.find((r) => r['event_id'] === 'mixed-version')).toEqual({
      source: 'ingest',
      reason: 'unknown_version',
      issues: [
        { path: 'schema_version', message: expect.stringContaining('unknown schema_version 7') },
      ],
      index: 2,
      event_id: 'mixed-version',
      raw: JSON.stringify(body[2]),
      received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      api_key_id: 'writer',
    });
  });

  it.each([
    ['malformed JSON', '[{"event_id":', 'application/json', 400, 'invalid_events'],
    ['an empty array', '[]', 'application/json', 400, 'no_events'],
    ['an empty NDJSON body', '\n', 'application/x-ndjson', 400, 'no_events'],
    ['a wrong content type', '[]', 'text/plain', 415, 'unsupported_media_type'],
    ['an unknown charset', '[]', 'application/json; charset=klingon', 415, 'unsupported_encoding'],
    [
      'too many events',
      JSON.stringify(Array.from({ length: 51 }, () => ({}))),
      'application/json',
      413,
      'too_many_events',
    ],
    [
      'an oversized body',
      JSON.stringify([{ pad: 'x'.repeat(70_000) }]),
      'application/json',
      413,
      'body_too_large',
    ],
  ])('answers %s with a clear problem', async (_case, body, contentType, status, code) => {
    const answer = await answered(ingest.post(body, { contentType }));
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ type: `urn:lambda:problem:${code}`, status });
    expect(String(answer.body['detail']).length).toBeGreaterThan(10);
  });

  it('answers 401 without a valid key, 403 without the scope and 429 over the rate', async () => {
    const body = JSON.stringify(orderEvent());
    expect((await answered(ingest.post(body, { token: 'nope' }))).status).toBe(401);
    expect((await answered(ingest.post(body, { token: ingest.keys.reader.token }))).status).toBe(
      403,
    );
    const slow = ingest.keys.slow.token;
    expect((await answered(ingest.post(body, { token: slow }))).status).toBe(202);
    const limited = await answered(ingest.post(body, { token: slow }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('exports the ingest metrics', async () => {
    const text = await ingest.metrics.registry.metrics();
    expect(text).toMatch(/lambda_ingest_events_accepted_total\{type="order"\} \d+/);
    for (const reason of ['invalid_event', 'unknown_type', 'unknown_version', 'malformed_body'])
      expect(text).toContain(`lambda_ingest_events_rejected_total{reason="${reason}"}`);
    expect(text).toMatch(
      /lambda_ingest_produce_duration_seconds_count\{topic="[^"]+\.raw",outcome="ok"\} \d+/,
    );
    expect(text).toContain('lambda_ingest_requests_in_flight 0');
  });
});

describe('backpressure', () => {
  let tight: TestIngest;
  beforeAll(async () => {
    tight = await startTestIngest('backpressure', { maxEvents: 10, maxInFlightEvents: 10 });
  });
  afterAll(() => tight.stop());

  it('answers 503 with Retry-After at once beyond the in-flight bound, and 202 only for stored events', async () => {
    const requests = Array.from({ length: 30 }, () =>
      Array.from({ length: 10 }, () => orderEvent()),
    );
    const answers = await Promise.all(
      requests.map(async (events) => {
        const res = await tight.post(JSON.stringify(events));
        return {
          events,
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: (await res.json()) as { type?: string },
        };
      }),
    );
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(
      refused.every(
        (a) => a.retryAfter === '1' && a.body.type === 'urn:lambda:problem:ingest_overloaded',
      ),
    ).toBe(true);
    const stored = new Set(
      (await readTopic(tight.kafka, tight.settings.rawTopic, silentLogger)).map((m) =>
        String(m.value),
      ),
    );
    const acceptedEvents = answers.filter((a) => a.status === 202).flatMap((a) => a.events);
    expect(acceptedEvents.length).toBeGreaterThan(0);
    expect(acceptedEvents.filter((e) => !stored.has(JSON.stringify(e)))).toEqual([]);
  });
});
