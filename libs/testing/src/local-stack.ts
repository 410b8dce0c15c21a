import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);

export type StoreName = 'kafka' | 'cassandra' | 'clickhouse';

/** Stops or starts one store of the local stack (tools/stack), for fault and readiness tests. */
export async function stack(command: 'up' | 'down', store: StoreName): Promise<void> {
  await run(
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    ['tools/stack/src/cli.ts', command, store],
    {
      cwd: repoRoot,
      timeout: 300_000,
    },
  );
}

/** Polls until `probe` resolves true or the deadline passes. */
export async function eventually(
  probe: () => Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 250 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
