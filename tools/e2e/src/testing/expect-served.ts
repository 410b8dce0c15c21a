import { oracleViews, type OracleMeasures } from '@lambda/testing';
import { asNumbers, emptyMeasures, servedSeries, viewVersion } from './served-series.js';

/** Window ids as the oracles key them: `view@version|key|windowStart`. */
function keysAndSpan(ids: Iterable<string>, prefix: string) {
  const keys = new Set<string>();
  let first = Infinity;
  let last = -Infinity;
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    const cut = rest.lastIndexOf('|');
    keys.add(rest.slice(0, cut));
    const start = Number(rest.slice(cut + 1));
    first = Math.min(first, start);
    last = Math.max(last, start);
  }
  return { keys, first, last };
}

/**
 * Asserts that serving answers every window of every view and key the oracles know exactly as
 * the merge rule says: the batch oracle for windows ending at or before the view's batch
 * watermark, the merged speed oracle after it, and empty measures where neither has data.
 * Returns how many windows each layer answered.
 */
export async function expectServedEqualsOracle(
  servingUrl: string,
  oracle: { batch: Map<string, OracleMeasures>; speed: Map<string, OracleMeasures> },
) {
  const layers = { batch: 0, speed: 0 };
  for (const { id, version, windowMs } of oracleViews) {
    const catalog = await viewVersion(servingUrl, id, version);
    const watermarkMs = Date.parse(catalog.batchWatermark ?? '');
    expect({ view: id, batchWatermark: Number.isFinite(watermarkMs) }).toEqual({
      view: id,
      batchWatermark: true,
    });
    const prefix = `${id}@${version}|`;
    const ids = [...oracle.batch.keys(), ...oracle.speed.keys()];
    const { keys, first, last } = keysAndSpan(ids, prefix);
    for (const key of keys) {
      const windows = await servedSeries(servingUrl, id, {
        keyFields: catalog.keyFields,
        encodedKey: key,
        fromMs: first,
        toMs: last + windowMs,
      });
      for (const window of windows) {
        const startMs = Date.parse(window.start);
        const source = startMs + windowMs <= watermarkMs ? oracle.batch : oracle.speed;
        const expected =
          source.get(`${prefix}${key}|${startMs}`) ?? emptyMeasures(catalog.measures);
        layers[window.layer]++;
        expect({ view: id, key, start: window.start, measures: window.measures }).toEqual({
          view: id,
          key,
          start: window.start,
          measures: asNumbers(expected),
        });
      }
    }
  }
  return layers;
}
