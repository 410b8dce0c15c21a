export interface MemoOptions {
  /** How long a read is reused; 0 disables the cache. */
  ttlMs: number;
  /** Most argument lists remembered, least recently used forgotten first. Default: no bound. */
  maxEntries?: number;
  now?: () => number;
}

/** Calls with equal JSON share one entry. */
const jsonKey = (argument: unknown) => JSON.stringify(argument) ?? '';

/**
 * Memoizes an async read per argument (compared as JSON), sharing one in-flight read among
 * concurrent callers. A failed read is forgotten at once, so the next caller tries again.
 */
export function memoize<A, V>(
  load: (argument: A) => Promise<V>,
  { ttlMs, maxEntries = Infinity, now = Date.now }: MemoOptions,
): (argument: A) => Promise<V> {
  if (ttlMs === 0 || maxEntries === 0) return load;
  const entries = new Map<string, { value: Promise<V>; expiresAtMs: number }>();
  return (argument) => {
    const key = jsonKey(argument);
    const cached = entries.get(key);
    if (cached) {
      entries.delete(key);
      if (cached.expiresAtMs > now()) {
        entries.set(key, cached);
        return cached.value;
      }
    }
    const value = load(argument);
    entries.set(key, { value, expiresAtMs: now() + ttlMs });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  };
}
