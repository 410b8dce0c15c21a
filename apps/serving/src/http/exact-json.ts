/** JSON values that may hold bigints, which `JSON.stringify` refuses. */
export type ExactJson =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly ExactJson[]
  | { readonly [name: string]: ExactJson };

// Member names come from code and view definitions, a small fixed set: quote each once.
const quotedNames = new Map<string, string>();
function quotedName(name: string): string {
  let quoted = quotedNames.get(name);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(name)}:`;
    if (quotedNames.size < 10_000) quotedNames.set(name, quoted);
  }
  return quoted;
}

/**
 * JSON text in which bigints are written as their exact digits: a JSON number has no size limit,
 * and measures beyond 2^53 must not be rounded on the way out. (Clients that parse into doubles
 * still round; the text itself is exact.) Written with plain loops: it runs on every response.
 */
export function exactJson(value: ExactJson): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + exactJson(value[i]);
    return `${text}]`;
  }
  const object = value as { readonly [name: string]: ExactJson };
  let text = '{';
  for (const name in object)
    text +=
      (text.length === 1 ? '' : ',') + quotedName(name) + exactJson(object[name] as ExactJson);
  return `${text}}`;
}
