export interface InsertBufferOptions {
  /** Flush once this many rows are buffered. */
  maxRows: number;
  /** Flush once the oldest buffered row waited this long. */
  maxWaitMs: number;
  /** Writes every buffered row, one request per table; resolves once they are durable. */
  flush(rowsByTable: ReadonlyMap<string, readonly object[]>): Promise<void>;
}

export interface InsertBuffer {
  /** Resolves once these rows (and whatever was buffered with them) are written. */
  add(rows: readonly { table: string; row: object }[]): Promise<void>;
}

interface Pending {
  rowsByTable: Map<string, object[]>;
  count: number;
  timer: NodeJS.Timeout;
  written: Promise<void>;
  settle(error?: unknown): void;
}

/**
 * Gathers rows from concurrently handled Kafka batches into inserts of thousands of rows, bounded
 * by size and by time. Callers commit their offsets only after their `add` resolved.
 */
export function createInsertBuffer({
  maxRows,
  maxWaitMs,
  flush,
}: InsertBufferOptions): InsertBuffer {
  let pending: Pending | undefined;

  const open = (): Pending => {
    let settle!: Pending['settle'];
    const written = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    const timer = setTimeout(() => flushPending(), maxWaitMs);
    return { rowsByTable: new Map(), count: 0, timer, written, settle };
  };

  const flushPending = () => {
    const batch = pending;
    if (!batch) return;
    pending = undefined;
    clearTimeout(batch.timer);
    flush(batch.rowsByTable).then(
      () => batch.settle(),
      (error: unknown) => batch.settle(error ?? new Error('flush failed')),
    );
  };

  return {
    add(rows) {
      if (rows.length === 0) return Promise.resolve();
      const batch = (pending ??= open());
      for (const { table, row } of rows) {
        const tableRows = batch.rowsByTable.get(table);
        if (tableRows) tableRows.push(row);
        else batch.rowsByTable.set(table, [row]);
      }
      batch.count += rows.length;
      if (batch.count >= maxRows) flushPending();
      return batch.written;
    },
  };
}
