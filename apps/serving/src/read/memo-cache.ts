export interface MemoOptions<A> {
  /** How long a read is reused, counted from when it was issued; 0 disables the cache. */
  ttlMs: number;
  /** Most argument lists remembered, least recently used forgotten first. Default: no bound. */
  maxEntries?: number;
  /** The cache key of an argument. Default: its JSON. */
  keyOf?: (argument: A) => string;
  now?: () => number;
  /** Uniform in [0, 1): where in the refresh window a read is refreshed. Default Math.random. */
  random?: () => number;
}

/** Calls with equal JSON share one entry. */
const jsonKey = (argument: unknown) => JSON.stringify(argument) ?? '';

/**
 * A read reused after some share of its TTL, drawn per read between these bounds, is read again
 * in the background: callers of a key in use keep getting an answer at once instead of all
 * waiting on Cassandra when it expires. Drawn, so that keys first read together (a client asking
 * for many keys in turn) do not all refresh together, every TTL, in one burst of decoding.
 */
const REFRESH_FROM = 0.6;
const REFRESH_TO = 0.9;

interface Entry<V> {
  value: Promise<V>;
  /** Settled successfully: only then may it be served while a newer read runs. */
  ready: boolean;
  issuedAtMs: number;
  /** From this age on, a caller starts the background read. */
  refreshAtAgeMs: number;
  /** The background read that will replace this entry. */
  refresh?: Entry<V>;
}

/**
 * Memoizes an async read per argument, sharing one in-flight read among concurrent callers. A
 * value is never served later than `ttlMs` after its read was issued; a key asked for once 60-90%
 * of that time has passed is re-read in the background (refresh-ahead), and its callers wait
 * only if the new read has not answered when the old value expires. A failed read is forgotten
 * at once, so the next caller tries again.
 */
export function memoize<A, V>(
  load: (argument: A) => Promise<V>,
  {
    ttlMs,
    maxEntries = Infinity,
    keyOf = jsonKey,
    now = Date.now,
    random = Math.random,
  }: MemoOptions<A>,
): (argument: A) => Promise<V> {
  if (ttlMs === 0 || maxEntries === 0) return load;
  const entries = new Map<string, Entry<V>>();

  const issue = (key: string, argument: A): Entry<V> => {
    const issuedAtMs = now();
    const refreshAtAgeMs = ttlMs * (REFRESH_FROM + (REFRESH_TO - REFRESH_FROM) * random());
    const entry: Entry<V> = { value: load(argument), ready: false, issuedAtMs, refreshAtAgeMs };
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
        if (cached.ready && cached.refresh === undefined && ageMs >= cached.refreshAtAgeMs)
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
