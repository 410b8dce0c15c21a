import fc from 'fast-check';
import { eventsRouteViolations } from './testing/openapi-conformance.js';
import { orderEvent } from './testing/order-event.js';
import { silentLogger, startTestIngest, type TestIngest } from './testing/test-ingest.js';
import { readTopic } from './testing/test-topics.js';

const BODIES = 10_000;
/** Bodies sent at once by one property run: concurrency keeps the suite short on a busy box. */
const CONCURRENT = 8;

let ingest: TestIngest;
let openApi: unknown;
beforeAll(async () => {
  ingest = await startTestIngest('fuzz');
  openApi = await (await fetch(`${ingest.url}/openapi.json`)).json();
});
afterAll(() => ingest.stop());

const oddValue = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.double(),
  fc.constantFrom(
    null,
    '',
    'order',
    0,
    -0,
    2,
    3,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    '2024-02-30T00:00:00Z',
  ),
);

const fieldNames = Object.keys(orderEvent()).concat(['loyalty_tier', 'extra', '__proto__', '']);

/** A valid event with up to three fields replaced by odd values or removed. */
const event = fc
  .record({
    version: fc.constantFrom(1, 2),
    edits: fc.array(
      fc.tuple(fc.constantFrom(...fieldNames), fc.option(oddValue, { nil: undefined })),
      {
        maxLength: 3,
      },
    ),
  })
  .map(({ version, edits }) => {
    const document = orderEvent({ schema_version: version }, 'fuzz');
    for (const [name, value] of edits)
      if (value === undefined) delete document[name];
      else
        Object.defineProperty(document, name, {
          value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
    return document;
  });

const asJson = (value: unknown) => JSON.stringify(value) ?? 'null';

const body = fc.oneof(
  { weight: 4, arbitrary: fc.array(event, { maxLength: 20 }).map(asJson) },
  { weight: 2, arbitrary: event.map(asJson) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(event.map(asJson), fc.string()), { maxLength: 10 })
      .map((l) => l.join('\n')),
  },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc
      .array(event, { minLength: 1, maxLength: 5 })
      .map(asJson)
      .chain((text) => fc.nat(text.length - 1).map((end) => text.slice(0, end))),
  },
  {
    weight: 1,
    arbitrary: fc.nat(50_000).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1001, max: 1100 })
      .map((n) => asJson(Array.from({ length: n }, () => ({})))),
  },
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/x-ndjson') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/x-ndjson; charset=utf-16le',
      'application/json; charset=bogus',
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      '',
    ),
  },
);

/** The events of a body the way the server decodes it, to compare with what Kafka holds. */
function sentEvents(payload: string | Buffer, type: string): unknown[] {
  const text = Buffer.from(payload).toString(type.includes('latin1') ? 'latin1' : 'utf8');
  if (type.startsWith('application/x-ndjson'))
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
  const sent: unknown = JSON.parse(text);
  return Array.isArray(sent) ? sent : [sent];
}

describe(`${BODIES} generated bodies against the real Kafka`, () => {
  it('never answer 5xx, always a documented answer, and every 202 event is in the topic', async () => {
    const accepted: string[] = [];
    const check = async ([payload, type]: [string | Buffer, string]) => {
      const res = await ingest.post(payload, { contentType: type });
      const answer: unknown = await res.json();
      const observed = { status: res.status, headers: res.headers, body: answer };
      expect(res.status).toBeLessThan(500);
      expect(eventsRouteViolations(openApi, observed)).toEqual([]);
      if (res.status === 202) accepted.push(...sentEvents(payload, type).map(asJson));
      else expect(answer).toMatchObject({ status: res.status, detail: expect.any(String) });
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(body, contentType), { minLength: CONCURRENT, maxLength: CONCURRENT }),
        async (requests) => {
          await Promise.all(requests.map(check));
        },
      ),
      { numRuns: BODIES / CONCURRENT },
    );
    const stored = new Set(
      (await readTopic(ingest.kafka, ingest.settings.rawTopic, silentLogger)).map((m) =>
        String(m.value),
      ),
    );
    expect(accepted.length).toBeGreaterThan(100);
    expect(accepted.filter((value) => !stored.has(value))).toEqual([]);
  }, 180_000);
});
