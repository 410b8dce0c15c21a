export interface MemoOptions<A> {
  /** How long a read is reused, counted from when it was issued; 0 disables the cache. */
  ttlMs: number;
  /** Most argument lists remembered, least recently used forgotten first. Default: no bound. */
  maxEntries?: number;
  /** The cache key of an argument. Default: its JSON. */
  keyOf?: (argument: A) => string;
  now?: () => number;
}

/** Calls with equal JSON share one entry. */
const jsonKey = (argument: unknown) => JSON.stringify(argument) ?? '';

/**
 * A read reused after this share of its TTL is read again in the background, so callers of a
 * key in use keep getting an answer at once instead of all waiting on Cassandra when it expires.
 */
const REFRESH_AFTER = 0.75;

interface Entry<V> {
  value: Promise<V>;
  /** Settled successfully: only then may it be served while a newer read runs. */
  ready: boolean;
  issuedAtMs: number;
  /** The background read that will replace this entry. */
  refresh?: Entry<V>;
}

/**
 * Memoizes an async read per argument, sharing one in-flight read among concurrent callers. A
 * value is never served later than `ttlMs` after its read was issued; a key asked for during
 * the last quarter of that time is re-read in the background (refresh-ahead), and its callers
 * wait only if the new read has not answered when the old value expires. A failed read is
 * forgotten at once, so the next caller tries again.
 */
export function memoize<A, V>(
  load: (argument: A) => Promise<V>,
  { ttlMs, maxEntries = Infinity, keyOf = jsonKey, now = Date.now }: MemoOptions<A>,
): (argument: A) => Promise<V> {
  if (ttlMs === 0 || maxEntries === 0) return load;
  const entries = new Map<string, Entry<V>>();

  const issue = (key: string, argument: A): Entry<V> => {
    const issuedAtMs = now();
    const entry: Entry<V> = { value: load(argument), ready: false, issuedAtMs };
    entry.value.then(
      () => {
        entry.ready = true;
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry;
  };

  const remember = (key: string, entry: Entry<V>) => {
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };

  const refreshAhead = (key: string, argument: A, entry: Entry<V>) => {
    const next = issue(key, argument);
    entry.refresh = next;
    next.value.then(
      () => {
        if (entries.get(key) === entry) entries.set(key, next);
      },
      () => {
        if (entry.refresh === next) entry.refresh = undefined;
      },
    );
  };

  return (argument) => {
    const key = keyOf(argument);
    const cached = entries.get(key);
    if (cached) {
      entries.delete(key);
      const ageMs = now() - cached.issuedAtMs;
      if (ageMs < ttlMs) {
        entries.set(key, cached);
        if (cached.ready && cached.refresh === undefined && ageMs >= ttlMs * REFRESH_AFTER)
          refreshAhead(key, argument, cached);
        return cached.value;
      }
    }
    // Expired: a background read already under way answers, or a new one.
    const entry = cached?.refresh ?? issue(key, argument);
    remember(key, entry);
    return entry.value;
  };
}
