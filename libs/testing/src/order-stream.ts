import { seededRandom, zipfSampler } from './random.js';

/** An order event as a client sends it (schema `order`, v1 or v2). */
export type OrderDocument = Record<string, string | number> & {
  event_id: string;
  occurred_at: string;
  order_id: string;
};

export type StreamItem =
  | { kind: 'event'; document: OrderDocument }
  | { kind: 'duplicate'; document: OrderDocument }
  | { kind: 'malformed'; body: string };

/** The documents of a stream's items as a client would send them: malformed bodies left out. */
export const documentsOf = (items: readonly StreamItem[]): OrderDocument[] =>
  items.flatMap((item) => (item.kind === 'malformed' ? [] : [item.document]));

export interface OrderStreamOptions {
  seed: number;
  count: number;
  /** Event time of the first event; later ones advance by `stepMs` on average. */
  startMs: number;
  stepMs: number;
  merchants?: number;
  customers?: number;
  /** Share of re-deliveries of an earlier event (same bytes, so the same Kafka key). */
  duplicateRate?: number;
  /** Share of events whose event time lies `lateByMs` behind the stream's clock. */
  lateRate?: number;
  lateByMs?: readonly [number, number];
  /** Share of items that are not valid events at all. */
  malformedRate?: number;
}

const STATUSES = [
  'created',
  'completed',
  'completed',
  'completed',
  'cancelled',
  'refunded',
] as const;
const CURRENCIES = ['EUR', 'EUR', 'USD', 'GBP'] as const;
const MALFORMED = [
  '{"type":"order"',
  '{"type":"order","schema_version":1}',
  '[1,2',
  '{"type":"unknown","schema_version":1}',
];

/**
 * Realistic e-commerce traffic: Zipf-distributed merchants and customers, both schema versions,
 * optional fields sometimes missing, re-deliveries, late and malformed items. Deterministic per seed.
 */
export function generateOrderStream(options: OrderStreamOptions): StreamItem[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const merchant = zipfSampler(options.merchants ?? 200, 1.1, random);
  const customer = zipfSampler(options.customers ?? 20_000, 1.05, random);
  const [lateMin, lateMax] = options.lateByMs ?? [2 * 3_600_000, 30 * 3_600_000];
  const sent: OrderDocument[] = [];
  const items: StreamItem[] = [];
  let clockMs = options.startMs;
  for (let i = 0; i < options.count; i++) {
    const roll = random();
    if (roll < (options.malformedRate ?? 0)) {
      items.push({ kind: 'malformed', body: pick(MALFORMED) });
      continue;
    }
    if (roll < (options.malformedRate ?? 0) + (options.duplicateRate ?? 0) && sent.length > 0) {
      const recent = sent[
        Math.max(0, sent.length - 1 - Math.floor(random() * 500))
      ] as OrderDocument;
      items.push({ kind: 'duplicate', document: recent });
      continue;
    }
    clockMs += Math.floor(random() * 2 * options.stepMs);
    const late = random() < (options.lateRate ?? 0);
    const occurredMs = late
      ? clockMs - lateMin - Math.floor(random() * (lateMax - lateMin))
      : clockMs;
    const version = random() < 0.3 ? 2 : 1;
    const document: OrderDocument = {
      event_id: `e-${options.seed}-${i}`,
      type: 'order',
      schema_version: version,
      occurred_at: new Date(occurredMs).toISOString(),
      order_id: `o-${options.seed}-${Math.floor(i / 2)}`,
      merchant_id: `m-${merchant()}`,
      customer_id: `c-${customer()}`,
      amount_minor: Math.floor(random() * 50_000) - (random() < 0.02 ? 60_000 : 0),
      currency: pick(CURRENCIES),
      status: pick(STATUSES),
    };
    if (random() < 0.4) document['coupon_code'] = `SAVE${Math.floor(random() * 30)}`;
    if (random() < 0.7) document['channel'] = pick(['web', 'app', 'store']);
    if (version === 2 && random() < 0.5) document['loyalty_tier'] = pick(['gold', 'silver']);
    sent.push(document);
    items.push({ kind: 'event', document });
  }
  return items;
}
