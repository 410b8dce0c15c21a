import type { BatchRow, SpeedRow } from '@lambda/views-store';
import type { RangeRequest } from '../query/range-request.js';
import type { ViewReader } from './view-reader.js';

/** The rows a request's windows are merged from. */
export interface LayerRows {
  batchRows: readonly BatchRow[];
  speedRows: readonly SpeedRow[];
}

// One empty list for a layer the plan does not read, so equal inputs stay identical objects.
const NONE: readonly never[] = Object.freeze([]);

/**
 * Reads only what the plan needs: batch rows of settled windows, speed rows of the later ones
 * (one partition read each for a range within one bucket). Cached reads come back as the same
 * objects, which lets a rendered answer be reused while they are.
 */
export async function readLayerRows(
  reader: ViewReader,
  { view, key, state, plan }: RangeRequest,
): Promise<LayerRows> {
  const partition = {
    viewId: view.id,
    version: view.version,
    key: key.encoded,
    windowMs: view.windowMs,
  };
  const [batchRows, speedRows] = await Promise.all([
    plan.batch
      ? reader.batchRows({ ...partition, ...plan.batch, stateUpdatedAtMs: state.updatedAtMs })
      : NONE,
    plan.rest && plan.restLayer === 'speed'
      ? reader.speedRows({ ...partition, ...plan.rest })
      : NONE,
  ]);
  return { batchRows, speedRows };
}
