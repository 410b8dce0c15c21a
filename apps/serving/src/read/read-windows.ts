import { mergeWindows, type ServedWindow } from '../merge/merge-windows.js';
import type { RangeRequest } from '../query/range-request.js';
import type { ViewReader } from './view-reader.js';

/**
 * Reads only what the plan needs (batch rows of settled windows, speed rows of the later ones;
 * one partition read each for a range within one bucket) and merges them into windows.
 */
export async function readServedWindows(
  reader: ViewReader,
  { view, key, range, state, plan }: RangeRequest,
): Promise<ServedWindow[]> {
  const partition = {
    viewId: view.id,
    version: view.version,
    key: key.encoded,
    windowMs: view.windowMs,
  };
  const [batchRows, speedRows] = await Promise.all([
    plan.batch
      ? reader.batchRows({ ...partition, ...plan.batch, stateUpdatedAtMs: state.updatedAtMs })
      : [],
    plan.rest && plan.restLayer === 'speed' ? reader.speedRows({ ...partition, ...plan.rest }) : [],
  ]);
  return mergeWindows({ view, range, plan, batchRows, speedRows });
}
