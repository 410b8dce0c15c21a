import type { OracleMeasures } from '@lambda/testing';
import { DEV_KEY } from './send-traffic.js';

interface CatalogVersion {
  version: number;
  windowMs: number;
  keyFields: string[];
  measures: Record<string, { kind: string }>;
  batchWatermark: string | null;
}

export interface ServedWindow {
  start: string;
  layer: 'batch' | 'speed';
  measures: Record<string, number | null>;
}

export async function servingGet<T>(servingUrl: string, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${servingUrl}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${DEV_KEY}` },
  });
  if (res.status !== 200) throw new Error(`GET ${pathAndQuery}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function viewVersion(
  servingUrl: string,
  viewId: string,
  version: number,
): Promise<CatalogVersion> {
  const catalog = await servingGet<{
    views: { id: string; versions: CatalogVersion[] }[];
  }>(servingUrl, '/v1/views');
  const found = catalog.views
    .find((v) => v.id === viewId)
    ?.versions.find((v) => v.version === version);
  if (!found) throw new Error(`serving does not list ${viewId} v${version}`);
  return found;
}

/** One key's windows over [fromMs, toMs), the key given as the oracle encodes it (`a|b`). */
export async function servedSeries(
  servingUrl: string,
  viewId: string,
  {
    keyFields,
    encodedKey,
    fromMs,
    toMs,
  }: { keyFields: string[]; encodedKey: string; fromMs: number; toMs: number },
): Promise<ServedWindow[]> {
  const values = encodedKey.split('|');
  const query = new URLSearchParams([
    ...keyFields.map((field, i) => [field, values[i] ?? ''] as [string, string]),
    ['from', new Date(fromMs).toISOString()],
    ['to', new Date(toMs).toISOString()],
  ]);
  const body = await servingGet<{ windows: ServedWindow[] }>(
    servingUrl,
    `/v1/views/${viewId}/series?${query.toString()}`,
  );
  return body.windows;
}

/** A window nothing contributed to, as serving answers it: counts and sums 0, min/max null. */
export function emptyMeasures(measures: CatalogVersion['measures']): OracleMeasures {
  return Object.fromEntries(
    Object.entries(measures).map(([name, { kind }]) => [
      name,
      kind === 'min' || kind === 'max' ? null : 0n,
    ]),
  );
}

export const asNumbers = (measures: OracleMeasures) =>
  Object.fromEntries(
    Object.entries(measures).map(([name, value]) => [name, value === null ? null : Number(value)]),
  );
