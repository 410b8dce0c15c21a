import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type CounterOptions<L extends string> = { name: string; help: string; labelNames?: readonly L[] };
type HistogramOptions<L extends string> = CounterOptions<L> & { buckets?: number[] };

/**
 * One registry per process, every metric name prefixed (e.g. `lambda_ingest_`), default Node
 * metrics included. Apps create metrics only through this so names stay consistent.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly prefix: string;
  counter<L extends string = never>(options: CounterOptions<L>): Counter<L>;
  gauge<L extends string = never>(options: CounterOptions<L>): Gauge<L>;
  histogram<L extends string = never>(options: HistogramOptions<L>): Histogram<L>;
}

export function createMetrics({ prefix }: { prefix: string }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });
  const named = <O extends { name: string }>(options: O) => ({
    ...options,
    name: `${prefix}${options.name}`,
    registers: [registry],
  });
  return {
    registry,
    prefix,
    counter: (options) => new Counter(named(options)),
    gauge: (options) => new Gauge(named(options)),
    histogram: (options) => new Histogram(named(options)),
  };
}
