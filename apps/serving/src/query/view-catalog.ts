import type { View, ViewRegistry } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';
import { defaultVersion, versionsOf } from './select-version.js';

export interface ViewCatalogEntry {
  id: string;
  /** The version a request without `version=` gets. */
  defaultVersion: number;
  versions: readonly { view: View; state: ViewState }[];
}

/** Every view with every defined version and that version's batch state. */
export async function viewCatalog(
  registry: ViewRegistry,
  stateOf: (viewId: string, version: number) => Promise<ViewState>,
): Promise<ViewCatalogEntry[]> {
  const ids = [...new Set(registry.views.map((view) => view.id))];
  return Promise.all(
    ids.map(async (id) => {
      const views = versionsOf(registry, id);
      const states = await Promise.all(views.map((view) => stateOf(id, view.version)));
      return {
        id,
        defaultVersion: defaultVersion(views, states).version,
        versions: views.map((view, i) => ({ view, state: states[i] as ViewState })),
      };
    }),
  );
}
