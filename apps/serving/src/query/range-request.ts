import type { View, ViewRegistry } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';
import { planLayers, type LayerPlan } from '../merge/layer-plan.js';
import { refuseUnknown, singleValued } from './query-params.js';
import { defaultVersion, requestedVersion, versionsOf } from './select-version.js';
import { parseViewKey, type ViewKey } from './view-key.js';
import { parseWindowRange, type WindowRange } from './window-range.js';

/** A validated series or total request, with the state of the version that answers it. */
export interface RangeRequest {
  view: View;
  key: ViewKey;
  range: WindowRange;
  state: ViewState;
  plan: LayerPlan;
}

export interface RangeRequestInput {
  registry: ViewRegistry;
  viewId: string;
  query: Readonly<Record<string, unknown>>;
  maxWindows: number;
  stateOf(viewId: string, version: number): Promise<ViewState>;
}

/** 404 for an unknown view or version, 400 for anything else wrong with the query. */
export async function resolveRangeRequest({
  registry,
  viewId,
  query,
  maxWindows,
  stateOf,
}: RangeRequestInput): Promise<RangeRequest> {
  const versions = versionsOf(registry, viewId);
  const params = singleValued(query);
  const view =
    params['version'] === undefined
      ? defaultVersion(versions, await Promise.all(versions.map((v) => stateOf(v.id, v.version))))
      : requestedVersion(versions, params['version']);
  refuseUnknown(params, ['from', 'to', 'version', ...view.key]);
  const key = parseViewKey(view, params);
  const range = parseWindowRange(view, params, maxWindows);
  const state = await stateOf(view.id, view.version);
  return { view, key, range, state, plan: planLayers(range, view.windowMs, state) };
}
