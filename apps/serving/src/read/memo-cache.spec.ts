import { memoize } from './memo-cache.js';

describe('memoize', () => {
  let now = 0;
  let loads = 0;
  const load = async ({ id, n }: { id: string; n: number }) => `${id}-${n}-${++loads}`;
  beforeEach(() => {
    now = 0;
    loads = 0;
  });

  it('reuses a read per argument list until it expires, sharing one in flight', async () => {
    const cached = memoize(load, { ttlMs: 1000, now: () => now });
    expect(
      await Promise.all([
        cached({ id: 'a', n: 1 }),
        cached({ id: 'a', n: 1 }),
        cached({ id: 'b', n: 1 }),
      ]),
    ).toEqual(['a-1-1', 'a-1-1', 'b-1-2']);
    now = 999;
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-1');
    now = 1000;
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-3');
  });

  it('forgets the least recently used read beyond maxEntries', async () => {
    const cached = memoize(load, { ttlMs: Infinity, maxEntries: 2 });
    await cached({ id: 'a', n: 1 });
    await cached({ id: 'b', n: 1 });
    await cached({ id: 'a', n: 1 }); // a is now the most recent
    await cached({ id: 'c', n: 1 }); // evicts b
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-1');
    expect(await cached({ id: 'b', n: 1 })).toBe('b-1-4');
  });

  it('forgets a failed read at once', async () => {
    let fail = true;
    const cached = memoize(
      async () => {
        if (fail) throw new Error('down');
        return 'up';
      },
      { ttlMs: 1000, now: () => now },
    );
    await expect(cached(undefined)).rejects.toThrow('down');
    fail = false;
    expect(await cached(undefined)).toBe('up');
  });

  it('reads every time with ttl 0', async () => {
    const cached = memoize(load, { ttlMs: 0 });
    await cached({ id: 'a', n: 1 });
    await cached({ id: 'a', n: 1 });
    expect(loads).toBe(2);
  });
});
