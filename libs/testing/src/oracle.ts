/**
 * The expected numbers, computed from generated events by a deliberately separate, plain
 * implementation of the shipped views (no code shared with libs/transforms), so a test that
 * compares the platform with it can catch a bug in the transforms themselves.
 */
type Doc = Record<string, unknown>;
type Measure =
  | { kind: 'count'; where?: (d: Doc) => boolean }
  | { kind: 'sum' | 'min' | 'max' | 'distinct'; field: string };

interface OracleView {
  id: string;
  version: number;
  windowMs: number;
  accepts: (d: Doc) => boolean;
  key: (d: Doc) => string;
  measures: Record<string, Measure>;
}

const HOUR = 3_600_000;
const status = (s: string) => (d: Doc) => d['status'] === s;
const merchantAndCurrency = (d: Doc) => `${d['merchant_id']}|${d['currency']}`;

export const oracleViews: OracleView[] = [
  {
    id: 'merchant_revenue_hourly',
    version: 1,
    windowMs: HOUR,
    accepts: status('completed'),
    key: merchantAndCurrency,
    measures: {
      revenue_minor: { kind: 'sum', field: 'amount_minor' },
      completed_orders: { kind: 'count' },
      min_order_minor: { kind: 'min', field: 'amount_minor' },
      max_order_minor: { kind: 'max', field: 'amount_minor' },
    },
  },
  {
    id: 'merchant_unique_customers_daily',
    version: 1,
    windowMs: 24 * HOUR,
    accepts: () => true,
    key: (d) => String(d['merchant_id']),
    measures: {
      unique_customers: { kind: 'distinct', field: 'customer_id' },
      orders: { kind: 'count' },
    },
  },
  {
    id: 'merchant_refunds_hourly',
    version: 1,
    windowMs: HOUR,
    accepts: status('refunded'),
    key: merchantAndCurrency,
    measures: {
      refunds: { kind: 'count' },
      refunded_minor: { kind: 'sum', field: 'amount_minor' },
    },
  },
  {
    id: 'order_status_5m',
    version: 1,
    windowMs: 5 * 60_000,
    accepts: () => true,
    key: () => '*',
    measures: {
      created: { kind: 'count', where: status('created') },
      completed: { kind: 'count', where: status('completed') },
      cancelled: { kind: 'count', where: status('cancelled') },
      refunded: { kind: 'count', where: status('refunded') },
    },
  },
];

/** Finalized measures: exact integers, null for a min/max nothing contributed to. */
export type OracleMeasures = Record<string, bigint | null>;

class Accumulator {
  private readonly ids = new Set<string>();
  private readonly values = new Map<string, bigint | null>();
  private readonly sets = new Map<string, Set<string>>();

  constructor(private readonly view: OracleView) {}

  /** False when this event_id was already counted here. */
  add(d: Doc): boolean {
    const id = String(d['event_id']);
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    for (const [name, m] of Object.entries(this.view.measures)) {
      const before = this.values.get(name) ?? null;
      if (m.kind === 'count') {
        this.values.set(name, (before ?? 0n) + (m.where === undefined || m.where(d) ? 1n : 0n));
        continue;
      }
      const raw = d[m.field];
      if (m.kind === 'distinct') {
        const set = this.sets.get(name) ?? new Set<string>();
        if (raw !== undefined && raw !== null) set.add(String(raw));
        this.sets.set(name, set);
        continue;
      }
      if (raw === undefined || raw === null) {
        if (!this.values.has(name)) this.values.set(name, m.kind === 'sum' ? 0n : null);
        continue;
      }
      const v = BigInt(raw as number);
      if (m.kind === 'sum') this.values.set(name, (before ?? 0n) + v);
      else if (before === null) this.values.set(name, v);
      else
        this.values.set(
          name,
          m.kind === 'min' ? (v < before ? v : before) : v > before ? v : before,
        );
    }
    return true;
  }

  result(): OracleMeasures {
    const out: OracleMeasures = {};
    for (const [name, m] of Object.entries(this.view.measures))
      out[name] =
        m.kind === 'distinct'
          ? BigInt(this.sets.get(name)?.size ?? 0)
          : (this.values.get(name) ?? (m.kind === 'sum' || m.kind === 'count' ? 0n : null));
    return out;
  }
}

const results = (accumulators: Map<string, Accumulator>) =>
  new Map([...accumulators].map(([id, a]) => [id, a.result()]));

const windowOf = (d: Doc, windowMs: number) =>
  Math.floor(Date.parse(String(d['occurred_at'])) / windowMs) * windowMs;

/** `view@version|key|windowStart` → measures, deduplicated by event_id over the whole history. */
export function batchOracle(documents: readonly Doc[]): Map<string, OracleMeasures> {
  const acc = new Map<string, Accumulator>();
  for (const view of oracleViews)
    for (const d of documents) {
      if (!view.accepts(d)) continue;
      const id = `${view.id}@${view.version}|${view.key(d)}|${windowOf(d, view.windowMs)}`;
      if (!acc.has(id)) acc.set(id, new Accumulator(view));
      acc.get(id)!.add(d);
    }
  return results(acc);
}

export interface LoggedDocument {
  partition: number;
  offset: bigint;
  document: Doc;
}

export interface SpeedOracle {
  /** `view@version|key|windowStart|partition` → measures of that Kafka partition's partial. */
  partials: Map<string, OracleMeasures>;
  /** `view@version|key|windowStart` → event_ids refused as late. */
  late: Map<string, Set<string>>;
  /** `view@version|key|windowStart` → what serving shows from speed: its partitions merged. */
  windows: Map<string, OracleMeasures>;
}

/**
 * What the speed layer must hold after consuming `log`: per partition, in offset order, an event
 * is late when its window ended `allowedLatenessMs` or more before the largest event time seen so
 * far in that partition; otherwise its first delivery counts.
 */
export function speedOracle(
  log: readonly LoggedDocument[],
  allowedLatenessMs: number,
): SpeedOracle {
  const partials = new Map<string, Accumulator>();
  const merged = new Map<string, Accumulator>();
  const late = new Map<string, Set<string>>();
  const watermarks = new Map<number, number>();
  const ordered = [...log].sort(
    (a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : 1),
  );
  for (const { partition, document: d } of ordered) {
    const time = Date.parse(String(d['occurred_at']));
    const watermark = Math.max(watermarks.get(partition) ?? time, time);
    watermarks.set(partition, watermark);
    for (const view of oracleViews) {
      if (!view.accepts(d)) continue;
      const start = windowOf(d, view.windowMs);
      const window = `${view.id}@${view.version}|${view.key(d)}|${start}`;
      if (start + view.windowMs + allowedLatenessMs <= watermark) {
        if (!late.has(window)) late.set(window, new Set());
        late.get(window)!.add(String(d['event_id']));
        continue;
      }
      for (const [accumulators, id] of [
        [partials, `${window}|${partition}`],
        [merged, window],
      ] as const) {
        if (!accumulators.has(id)) accumulators.set(id, new Accumulator(view));
        accumulators.get(id)!.add(d);
      }
    }
  }
  return { partials: results(partials), late, windows: results(merged) };
}
