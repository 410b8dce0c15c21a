import { badRequest } from '@lambda/http';
import { encodeKey, type View } from '@lambda/transforms';

/** The key of a request: one value per key field of the view, and its stored encoding. */
export interface ViewKey {
  fields: Readonly<Record<string, string>>;
  encoded: string;
}

/**
 * Each key field of the view is a query parameter of the same name; a view without key fields
 * (one global key) takes none. Values are text, as they are stored.
 */
export function parseViewKey(view: View, params: Readonly<Record<string, string>>): ViewKey {
  const missing = view.key.filter((field) => !params[field]);
  if (missing.length > 0)
    throw badRequest(
      'missing_key',
      `View ${view.id} v${view.version} is keyed by ${view.key.join(', ')}; give each as a non-empty query parameter (missing: ${missing.join(', ')}).`,
      { keyFields: view.key },
    );
  const values = view.key.map((field) => params[field] as string);
  return {
    fields: Object.fromEntries(view.key.map((field, i) => [field, values[i] as string])),
    encoded: encodeKey(values),
  };
}
