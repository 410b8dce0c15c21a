import { readFileSync } from 'node:fs';
import { contractFile, type AppName } from './repo.js';

/** deploy/metrics-contract.json: the series names each app exports, histograms as _bucket/_sum/_count. */
export type MetricsContract = Record<AppName, string[]>;

export const loadContract = (): MetricsContract =>
  JSON.parse(readFileSync(contractFile, 'utf8')) as MetricsContract;

/** Series that Prometheus itself adds to every scrape target. */
export const PROMETHEUS_SERIES = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
]);

export function knownMetrics(contract: MetricsContract): Set<string> {
  return new Set([...Object.values(contract).flat(), ...PROMETHEUS_SERIES]);
}

/** Names used that no app exports, sorted: what a dashboard or rule would show as "no data". */
export function unknownMetrics(used: Iterable<string>, contract: MetricsContract): string[] {
  const known = knownMetrics(contract);
  return [...new Set(used)].filter((name) => !known.has(name)).sort();
}
