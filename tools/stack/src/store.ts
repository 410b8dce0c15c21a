import type { StoreLayout } from './layout.js';
import type { Progress } from './progress.js';

export const STORE_NAMES = ['kafka', 'cassandra', 'clickhouse'] as const;
export type StoreName = (typeof STORE_NAMES)[number];

/** One local data store, as driven by the generic up/down/status commands in stack.ts. */
export interface Store {
  readonly name: StoreName;
  readonly layout: StoreLayout;
  /** The port clients use, shown by `status`. */
  readonly clientPort: number;
  /** Every port the store binds on 127.0.0.1; all must be free before it starts. */
  readonly ports: readonly number[];
  /** What `up` says while it waits, e.g. "waiting for CQL". */
  readonly readinessActivity: string;
  readonly readyTimeoutMs: number;
  /** Logs the store writes while it runs; `logs` prints their tails. */
  readonly logFiles: readonly string[];
  /** Fetches whatever the store needs to run; reuses what an earlier run fetched. */
  install(progress: Progress): Promise<void>;
  /** Writes the store's config files and spawns it detached; resolves to its pid. */
  start(progress: Progress): Promise<number>;
  /** Whether a real client gets an answer right now. */
  isReady(): Promise<boolean>;
}
