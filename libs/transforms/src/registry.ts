import type { View } from './define-view.js';
import { ViewDefinitionError } from './view-definition-error.js';

export interface ViewRegistry {
  readonly views: readonly View[];
  find(id: string, version: number): View | undefined;
  /** The highest version of a view, the one new deployments compute. */
  latest(id: string): View | undefined;
}

/** Several versions of one view may live side by side while a new one is backfilled. */
export function createViewRegistry(views: readonly View[]): ViewRegistry {
  const byIdAndVersion = new Map(views.map((view) => [`${view.id}@${view.version}`, view]));
  if (byIdAndVersion.size !== views.length) {
    const names = views.map((view) => `${view.id} v${view.version}`);
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    throw new ViewDefinitionError(repeated.join(', '), ['registered more than once']);
  }
  return {
    views,
    find: (id, version) => byIdAndVersion.get(`${id}@${version}`),
    latest: (id) =>
      views
        .filter((view) => view.id === id)
        .reduce<View | undefined>((a, b) => (a && a.version > b.version ? a : b), undefined),
  };
}
