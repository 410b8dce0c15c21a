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

  it('re-reads a key in use in the background before it expires, and never serves past the TTL', async () => {
    // random 0.5: refreshed from 75% of the TTL on.
    const cached = memoize(load, { ttlMs: 1000, now: () => now, random: () => 0.5 });
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-1');
    now = 700;
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-1');
    expect(loads).toBe(1);
    now = 800; // past three quarters of the TTL: still answered at once, and read again
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-1');
    expect(loads).toBe(2);
    now = 1100; // the first read expired; the background read (issued at 800) answers
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-2');
    now = 1600; // three quarters past the read issued at 800
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-2');
    expect(loads).toBe(3);
    now = 1800;
    expect(await cached({ id: 'a', n: 1 })).toBe('a-1-3');
    expect(loads).toBe(3);
  });

  it('keeps serving the current read when a background read fails', async () => {
    let fail = false;
    let calls = 0;
    const cached = memoize(
      async () => {
        calls++;
        if (fail) throw new Error('down');
        return `v${calls}`;
      },
      { ttlMs: 1000, now: () => now, random: () => 0.5 },
    );
    const settled = () => new Promise((resolve) => setImmediate(resolve));
    expect(await cached(undefined)).toBe('v1');
    fail = true;
    now = 900;
    expect(await cached(undefined)).toBe('v1');
    await settled();
    expect(await cached(undefined)).toBe('v1');
    await settled();
    expect(calls).toBe(3); // the failed background read is retried by the next caller
    fail = false;
    now = 1000;
    await expect(cached(undefined)).resolves.toBe('v4');
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
