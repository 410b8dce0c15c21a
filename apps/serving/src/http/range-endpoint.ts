import type { RequestHandler } from 'express';
import type { Counter } from 'prom-client';
import type { ViewRegistry } from '@lambda/transforms';
import { LAYERS, type Layer } from '../merge/layer-plan.js';
import { mergeWindows, type ServedWindow } from '../merge/merge-windows.js';
import { resolveRangeRequest, type RangeRequest } from '../query/range-request.js';
import { readLayerRows, type LayerRows } from '../read/read-windows.js';
import type { ViewReader } from '../read/view-reader.js';
import { createAnswerCache } from './answer-cache.js';
import { renderAnswer, sendAnswer, type RenderedAnswer } from './conditional.js';
import type { ExactJson } from './exact-json.js';

export interface RangeEndpointOptions {
  registry: ViewRegistry;
  reader: ViewReader;
  maxWindows: number;
  freshMaxAgeS: number;
  settledMaxAgeS: number;
  windowsServed: Counter<'layer'>;
  /** Rendered answers kept for reuse while their reads are (0: render every request). */
  answerCacheEntries: number;
}

type Present = (
  request: RangeRequest,
  windows: readonly ServedWindow[],
) => { readonly [name: string]: ExactJson };

/** Settled answers change once per batch run; answers with speed windows, by the second. */
const hasSpeedWindows = ({ plan }: RangeRequest) =>
  plan.rest !== null && plan.restLayer === 'speed';

interface Answer {
  rendered: RenderedAnswer;
  /** Windows each layer served, for `windows_served_total`. */
  served: readonly (readonly [Layer, number])[];
}

function windowsPerLayer(windows: readonly ServedWindow[]): Answer['served'] {
  return LAYERS.map(
    (layer) => [layer, windows.filter((window) => window.layer === layer).length] as const,
  ).filter(([, served]) => served > 0);
}

/** Everything an answer depends on besides its state and rows. */
const answerKey = ({ view, key, range }: RangeRequest) =>
  `${view.id}\0${view.version}\0${range.fromMs}\0${range.toMs}\0${key.encoded}`;

/** A series or total endpoint: validate, read, merge, present, with a validator and max-age. */
export function rangeEndpoint(options: RangeEndpointOptions, present: Present): RequestHandler {
  const { registry, reader, maxWindows, windowsServed } = options;
  const answers = createAnswerCache<Answer>(options.answerCacheEntries);
  const render = (request: RangeRequest, rows: LayerRows): Answer => {
    const windows = mergeWindows({ ...request, ...rows });
    const maxAgeS = hasSpeedWindows(request) ? options.freshMaxAgeS : options.settledMaxAgeS;
    return {
      rendered: renderAnswer(present(request, windows), maxAgeS),
      served: windowsPerLayer(windows),
    };
  };
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
    const rows = await readLayerRows(reader, request);
    const answer = answers(
      answerKey(request),
      [request.state, rows.batchRows, rows.speedRows],
      () => render(request, rows),
    );
    for (const [layer, served] of answer.served) windowsServed.inc({ layer }, served);
    sendAnswer(req, res, answer.rendered, speedWatermarkMs);
  };
}
