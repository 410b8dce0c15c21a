import { createInsertBuffer } from './insert-buffer.js';

const rows = (table: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ table, row: { i } }));

describe('createInsertBuffer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('flushes once enough rows are buffered, one insert per table, and resolves every caller', async () => {
    const flushes: Record<string, number>[] = [];
    const buffer = createInsertBuffer({
      maxRows: 5,
      maxWaitMs: 1000,
      flush: async (byTable) => {
        flushes.push(Object.fromEntries([...byTable].map(([table, r]) => [table, r.length])));
      },
    });
    const first = buffer.add(rows('events_a', 3));
    const second = buffer.add(rows('events_b', 2));
    await Promise.all([first, second]);
    expect(flushes).toEqual([{ events_a: 3, events_b: 2 }]);
  });

  it('flushes what it has once the oldest row waited long enough', async () => {
    const flush = jest.fn(async () => undefined);
    const buffer = createInsertBuffer({ maxRows: 100, maxWaitMs: 200, flush });
    const added = buffer.add(rows('events_a', 1));
    jest.advanceTimersByTime(199);
    expect(flush).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    await added;
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('fails every caller of a failed flush, and starts afresh after it', async () => {
    let fail = true;
    const buffer = createInsertBuffer({
      maxRows: 2,
      maxWaitMs: 1000,
      flush: async () => {
        if (fail) throw new Error('clickhouse down');
      },
    });
    const results = await Promise.allSettled([buffer.add(rows('t', 1)), buffer.add(rows('t', 1))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(buffer.add(rows('t', 2))).resolves.toBeUndefined();
  });

  it('resolves an empty add at once', async () => {
    const flush = jest.fn(async () => undefined);
    await createInsertBuffer({ maxRows: 1, maxWaitMs: 1, flush }).add([]);
    expect(flush).not.toHaveBeenCalled();
  });
});
