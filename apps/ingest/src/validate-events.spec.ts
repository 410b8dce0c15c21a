import { orderEvent } from './testing/order-event.js';
import { MAX_ISSUES_PER_EVENT, validateEvents } from './validate-events.js';
import type { BodyItem } from './read-events.js';

const items = (...values: unknown[]): BodyItem[] =>
  values.map((value) => ({ parsed: true, value }));

describe('validateEvents', () => {
  it('accepts valid events of every known version, keeping the value as received', () => {
    const v1 = orderEvent();
    const v2 = orderEvent({ schema_version: 2, loyalty_tier: 'gold' });
    const { accepted, rejected } = validateEvents(items(v1, v2));
    expect(rejected).toEqual([]);
    expect(accepted.map((a) => a.received)).toEqual([v1, v2]);
    expect(accepted[1]?.event).toMatchObject({ type: 'order', schemaVersion: 2 });
  });

  it('names the reason, index, event_id and issue paths of each rejected event', () => {
    const { accepted, rejected } = validateEvents([
      ...items(
        orderEvent({ event_id: 'bad-amount', amount_minor: 12.5 }),
        orderEvent({ event_id: 'v9', schema_version: 9 }),
        orderEvent({ type: 'refund' }),
        'not an object',
        orderEvent({ event_id: 'x'.repeat(129) }),
        orderEvent(),
      ),
      { parsed: false, message: 'not valid JSON: oops', excerpt: '{oops' },
    ]);
    expect(accepted).toHaveLength(1);
    expect(rejected).toEqual([
      expect.objectContaining({
        index: 0,
        eventId: 'bad-amount',
        reason: 'invalid_event',
        issues: [{ path: 'amount_minor', message: 'expected a safe integer' }],
      }),
      expect.objectContaining({ index: 1, eventId: 'v9', reason: 'unknown_version' }),
      expect.objectContaining({ index: 2, reason: 'unknown_type' }),
      expect.objectContaining({ index: 3, eventId: undefined, reason: 'invalid_event' }),
      expect.objectContaining({ index: 4, eventId: undefined, reason: 'invalid_event' }),
      {
        index: 6,
        reason: 'malformed_body',
        issues: [{ path: '', message: 'not valid JSON: oops' }],
        raw: '{oops',
      },
    ]);
    expect(rejected[3]?.raw).toBe('"not an object"');
  });

  it('bounds the issues listed for one event', () => {
    const noisy = orderEvent(
      Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
    );
    const [rejection] = validateEvents(items(noisy)).rejected;
    expect(rejection?.issues).toHaveLength(MAX_ISSUES_PER_EVENT);
    expect(rejection?.issues.at(-1)).toEqual({ path: '', message: 'and 481 more issues' });
  });

  it('survives values nested deeper than JSON.stringify can recurse', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    const [rejection] = validateEvents(items(deep)).rejected;
    expect(rejection).toMatchObject({
      reason: 'invalid_event',
      raw: expect.stringContaining('nested'),
    });
  });
});
