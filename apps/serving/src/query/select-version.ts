import { badRequest, notFound } from '@lambda/http';
import type { View, ViewRegistry } from '@lambda/transforms';
import type { ViewState } from '@lambda/views-store';

// Registries are fixed at start: group their versions by view once, not on every request.
const versionsByView = new WeakMap<ViewRegistry, Map<string, readonly View[]>>();

function groupedVersions(registry: ViewRegistry): Map<string, readonly View[]> {
  let grouped = versionsByView.get(registry);
  if (!grouped) {
    grouped = new Map();
    for (const id of new Set(registry.views.map((view) => view.id)))
      grouped.set(
        id,
        registry.views.filter((view) => view.id === id).sort((a, b) => a.version - b.version),
      );
    versionsByView.set(registry, grouped);
  }
  return grouped;
}

/** Every defined version of a view, oldest first; 404 when the view is unknown. */
export function versionsOf(registry: ViewRegistry, viewId: string): readonly View[] {
  const versions = groupedVersions(registry).get(viewId);
  if (!versions) throw notFound('unknown_view', `There is no view ${viewId}.`);
  return versions;
}

/** The version a request names; 404 when the view has no such version. */
export function requestedVersion(versions: readonly View[], text: string): View {
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw badRequest(
      'invalid_version',
      `version ${JSON.stringify(text)} is not a positive integer.`,
    );
  const view = versions.find((v) => v.version === Number(text));
  if (!view)
    throw notFound(
      'unknown_version',
      `View ${versions[0]?.id} has no version ${text} (defined: ${versions.map((v) => v.version).join(', ')}).`,
    );
  return view;
}

/**
 * Without an explicit version, serve the highest one batch has published (a new version is
 * backfilled by batch before serving switches to it); before any publication, the highest defined.
 */
export function defaultVersion(versions: readonly View[], states: readonly ViewState[]): View {
  const published = new Set(
    states.filter((state) => state.batchRunId !== null).map((state) => state.version),
  );
  const candidates = versions.filter((view) => published.has(view.version));
  const pool = candidates.length > 0 ? candidates : versions;
  return pool.reduce((a, b) => (b.version > a.version ? b : a));
}
