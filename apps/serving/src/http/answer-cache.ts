/**
 * Answers rendered from cached reads, reused while every input is the very object the read
 * caches handed out before: the same state and the same rows give the same bytes, so merging,
 * presenting, serializing and hashing them again would only burn CPU. Any new read (a TTL
 * expired, a new run, a state write) is a new object and renders afresh; nothing here can serve
 * an answer its inputs no longer back.
 */
export type AnswerCache<T> = (key: string, inputs: readonly unknown[], render: () => T) => T;

/** At most `maxEntries` keys (least recently used forgotten first); 0 renders every time. */
export function createAnswerCache<T>(maxEntries: number): AnswerCache<T> {
  if (maxEntries === 0) return (_key, _inputs, render) => render();
  const entries = new Map<string, { inputs: readonly unknown[]; answer: T }>();
  const sameInputs = (a: readonly unknown[], b: readonly unknown[]) =>
    a.length === b.length && a.every((input, i) => input === b[i]);
  return (key, inputs, render) => {
    const cached = entries.get(key);
    if (cached) {
      entries.delete(key);
      if (sameInputs(cached.inputs, inputs)) {
        entries.set(key, cached);
        return cached.answer;
      }
    }
    const answer = render();
    entries.set(key, { inputs, answer });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return answer;
  };
}
