import { parseEvent, type ParsedEvent } from '@lambda/schemas';
import fc from 'fast-check';

/** One Kafka delivery of an order event, as the speed layer and the archive both see it. */
export interface Delivery {
  readonly event: ParsedEvent;
  readonly kafkaPartition: number;
  readonly kafkaOffset: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A UTC midnight, so window edges of every shipped size fall on round offsets from it. */
const ANCHOR_MS = Date.UTC(2026, 10, 22);

/** Exactly on an edge of a 5m, 1h or 1d window, or 1 ms before one; otherwise anywhere in ±2 days. */
const occurredAtMs = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(5 * MINUTE, HOUR, DAY),
      fc.integer({ min: -2, max: 2 }),
      fc.constantFrom(0, -1),
    )
    .map(([size, windows, nudge]) => ANCHOR_MS + windows * size + nudge),
  fc.integer({ min: -2 * DAY, max: 2 * DAY }).map((offset) => ANCHOR_MS + offset),
);

/** Keys that stress the key encoding and SQL escaping: separators, quotes, backslashes, NUL, non-BMP. */
const merchantId = fc.constantFrom(
  'm-1',
  'm-2',
  "o'hara",
  'back\\slash',
  'pi|pe',
  'both\\|',
  '|',
  '*',
  'müller',
  '商店',
  '😀',
  'nul\0',
);
const customerId = fc.constantFrom('c-1', 'c-2', 'c-3', "c'q", 'ç', '🙂');
const amountMinor = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0),
  fc.maxSafeInteger(),
);
/** Omitted, explicit null, or present: all three must read as the same kind of missing. */
const optionalValue = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(fc.constant(undefined), fc.constant(null), value);

const orderContent = fc.record({
  schema_version: fc.constantFrom(1, 2),
  occurredAtMs,
  merchant_id: merchantId,
  customer_id: customerId,
  amount_minor: amountMinor,
  currency: fc.constantFrom('EUR', 'USD', 'JPY'),
  status: fc.constantFrom('created', 'completed', 'cancelled', 'refunded'),
  coupon_code: optionalValue(fc.constantFrom('SAVE10', "it's", 'x\\y')),
  channel: optionalValue(fc.constantFrom('web', 'app', 'store')),
  loyalty_tier: optionalValue(fc.constantFrom('gold', 'silver')),
});
type OrderContent = typeof orderContent extends fc.Arbitrary<infer T> ? T : never;

const sent = fc.record({
  partition: fc.integer({ min: 0, max: 2 }),
  sentAt: fc.nat({ max: 1000 }),
});

/**
 * Sets of deliveries with re-deliveries of the same event_id (identical, or with conflicting
 * content), out-of-order and late event times, missing optional fields and both versions.
 * A re-delivery goes to the partition of the first, as a Kafka key would send it.
 */
export const orderDeliveries = (maxEvents = 25): fc.Arbitrary<Delivery[]> =>
  fc
    .record({
      originals: fc.array(fc.record({ content: orderContent, sent }), { maxLength: maxEvents }),
      redeliveries: fc.array(
        fc.record({
          of: fc.nat(),
          // Mostly identical re-sends; sometimes a producer bug re-using an event_id.
          conflicting: fc.oneof(
            { arbitrary: fc.constant(undefined), weight: 3 },
            { arbitrary: orderContent, weight: 1 },
          ),
          sentAt: sent.map((s) => s.sentAt),
        }),
        { maxLength: Math.ceil(maxEvents / 3) },
      ),
    })
    .map(({ originals, redeliveries }) => {
      const copies = originals.length === 0 ? [] : redeliveries;
      const all = [
        ...originals.map(({ content, sent: { partition, sentAt } }, index) => ({
          index,
          content,
          partition,
          sentAt,
        })),
        ...copies.map(({ of, conflicting, sentAt }) => {
          const original = originals[of % originals.length]!;
          return {
            index: of % originals.length,
            content: conflicting ?? original.content,
            partition: original.sent.partition,
            sentAt,
          };
        }),
      ];
      const nextOffset = [0, 0, 0];
      return all
        .map((delivery, order) => ({ ...delivery, order }))
        .sort((a, b) => a.sentAt - b.sentAt || a.order - b.order)
        .map(({ index, content, partition }) => ({
          event: parsedOrder(`evt-${index}`, content),
          kafkaPartition: partition,
          kafkaOffset: nextOffset[partition]!++,
        }));
    });

function parsedOrder(
  eventId: string,
  { occurredAtMs, loyalty_tier, ...fields }: OrderContent,
): ParsedEvent {
  const document = Object.fromEntries(
    Object.entries({
      event_id: eventId,
      type: 'order',
      occurred_at: new Date(occurredAtMs).toISOString(),
      order_id: `o-${eventId}`,
      ...fields,
      ...(fields.schema_version === 2 && { loyalty_tier }),
    }).filter(([, value]) => value !== undefined),
  );
  const result = parseEvent(document);
  if (!result.ok) throw new Error(`generated an invalid order: ${JSON.stringify(result.issues)}`);
  return result.event;
}
