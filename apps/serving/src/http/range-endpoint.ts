import type { RequestHandler } from 'express';
import type { Counter } from 'prom-client';
import type { ViewRegistry } from '@lambda/transforms';
import { LAYERS } from '../merge/layer-plan.js';
import type { ServedWindow } from '../merge/merge-windows.js';
import { resolveRangeRequest, type RangeRequest } from '../query/range-request.js';
import { readServedWindows } from '../read/read-windows.js';
import type { ViewReader } from '../read/view-reader.js';
import { sendJson, withSpeedWatermark } from './conditional.js';
import type { ExactJson } from './exact-json.js';

export interface RangeEndpointOptions {
  registry: ViewRegistry;
  reader: ViewReader;
  maxWindows: number;
  freshMaxAgeS: number;
  settledMaxAgeS: number;
  windowsServed: Counter<'layer'>;
}

type Present = (
  request: RangeRequest,
  windows: readonly ServedWindow[],
) => { readonly [name: string]: ExactJson };

/** Settled answers change once per batch run; answers with speed windows, by the second. */
const hasSpeedWindows = ({ plan }: RangeRequest) =>
  plan.rest !== null && plan.restLayer === 'speed';

/** A series or total endpoint: validate, read, merge, present, with a validator and max-age. */
export function rangeEndpoint(options: RangeEndpointOptions, present: Present): RequestHandler {
  const { registry, reader, maxWindows, windowsServed } = options;
  return async (req, res) => {
    const [request, speedWatermarkMs] = await Promise.all([
      resolveRangeRequest({
        registry,
        viewId: String(req.params['view']),
        query: req.query,
        maxWindows,
        stateOf: reader.viewState,
      }),
      reader.speedWatermarkMs(),
    ]);
    const windows = await readServedWindows(reader, request);
    for (const layer of LAYERS) {
      const served = windows.filter((window) => window.layer === layer).length;
      if (served > 0) windowsServed.inc({ layer }, served);
    }
    const maxAgeS = hasSpeedWindows(request) ? options.freshMaxAgeS : options.settledMaxAgeS;
    sendJson(req, res, withSpeedWatermark(present(request, windows), speedWatermarkMs, maxAgeS));
  };
}
