import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tailLines } from './logs.js';
import { STACK_HOST, isPortFree } from './ports.js';
import { isOurProcess, readPidFile, removePidFile, stopProcess, writePidFile } from './process.js';
import { failureFor, progressFor, secondsSince, withHeartbeat, type Progress } from './progress.js';
import { waitUntilReady } from './readiness.js';
import type { Store } from './store.js';

const STOP_GRACE_MS = 30_000;
const FAILURE_LOG_LINES = 20;
const LOGS_COMMAND_LINES = 200;

type UpOutcome = 'started' | 'already running' | 'failed';

/** Starts every stopped store in parallel and waits until each answers; true when all are ready. */
export async function up(stores: readonly Store[]): Promise<boolean> {
  const pids = new Map(stores.map((store) => [store, runningPid(store)]));
  const stopped = stores.filter((store) => pids.get(store) === undefined);
  const taken = await takenPorts(stopped);
  if (taken.length > 0) {
    for (const { store, port } of taken) {
      console.error(`[stack] ${store.name} port ${port} on ${STACK_HOST} is already in use`);
    }
    console.error(
      '[stack] nothing was started: stop what holds the port, or move the store with its STACK_*_PORT variable',
    );
    return false;
  }
  const outcomes = await Promise.all(
    stores.map((store) => {
      const pid = pids.get(store);
      return pid === undefined ? startStore(store) : confirmRunning(store, pid);
    }),
  );
  if (outcomes.every((outcome) => outcome === 'already running')) {
    console.log('[stack] everything was already running and ready; nothing to do');
  }
  return !outcomes.includes('failed');
}

export async function down(stores: readonly Store[]): Promise<void> {
  await Promise.all(
    stores.map(async (store) => {
      const progress = progressFor(store.name);
      const pid = runningPid(store);
      if (pid === undefined) {
        removePidFile(store.layout.pidFile);
        progress('not running');
        return;
      }
      const outcome = await stopProcess(pid, commandLineMarker(store), STOP_GRACE_MS);
      removePidFile(store.layout.pidFile);
      progress(
        outcome === 'terminated'
          ? `stopped (pid ${pid})`
          : `killed (pid ${pid}) after ${STOP_GRACE_MS / 1000}s`,
      );
    }),
  );
}

export async function status(stores: readonly Store[]): Promise<void> {
  const lines = await Promise.all(
    stores.map(async (store) => `${store.name}: ${await describeState(store)}`),
  );
  console.log(lines.join('\n'));
}

/** Stops the stores and wipes their data; downloaded jars and logs stay. */
export async function reset(stores: readonly Store[]): Promise<void> {
  await down(stores);
  for (const store of stores) {
    rmSync(store.layout.data, { recursive: true, force: true });
    progressFor(store.name)(`wiped ${store.layout.data}`);
  }
}

export function printLogs(stores: readonly Store[]): void {
  for (const file of stores.flatMap((store) => store.logFiles)) {
    const lines = tailLines(file, LOGS_COMMAND_LINES);
    console.log(`==> ${file} <==\n${lines.length > 0 ? lines.join('\n') : '(no output yet)'}\n`);
  }
}

/** The store processes' command lines all name files in their own folder, and nothing else's does. */
function commandLineMarker(store: Store): string {
  return `${store.layout.root}${path.sep}`;
}

async function describeState(store: Store): Promise<string> {
  const pid = runningPid(store);
  if (pid === undefined) return 'stopped';
  const where = `pid ${pid}, ${STACK_HOST}:${store.clientPort}`;
  return (await store.isReady()) ? `running (${where}, ready)` : `running but not ready (${where})`;
}

function runningPid(store: Store): number | undefined {
  const pid = readPidFile(store.layout.pidFile);
  return pid !== undefined && isOurProcess(pid, commandLineMarker(store)) ? pid : undefined;
}

async function takenPorts(
  stores: readonly Store[],
): Promise<Array<{ store: Store; port: number }>> {
  const claims = stores.flatMap((store) => store.ports.map((port) => ({ store, port })));
  const free = await Promise.all(claims.map(({ port }) => isPortFree(port)));
  return claims.filter((_claim, index) => !free[index]);
}

async function startStore(store: Store): Promise<UpOutcome> {
  const progress = progressFor(store.name);
  try {
    await store.install(progress);
  } catch (error) {
    failureFor(store.name)(`install failed: ${messageOf(error)}`);
    return 'failed';
  }
  const startedAt = Date.now();
  try {
    // Each start gets fresh logs, so what `up` and `logs` show is about this run.
    mkdirSync(store.layout.logs, { recursive: true });
    for (const file of store.logFiles) writeFileSync(file, '', { flag: 'w' });
    progress('starting');
    const pid = await store.start(progress);
    writePidFile(store.layout.pidFile, pid);
    await waitForReadiness(store, pid, progress);
    progress(
      `ready on ${STACK_HOST}:${store.clientPort} (pid ${pid}, ${secondsSince(startedAt)}s)`,
    );
    return 'started';
  } catch (error) {
    reportStartFailure(store, error);
    return 'failed';
  }
}

/** A store started by an earlier `up` may still be booting; wait for it rather than start a twin. */
async function confirmRunning(store: Store, pid: number): Promise<UpOutcome> {
  const progress = progressFor(store.name);
  if (await store.isReady()) {
    progress(`already running (pid ${pid}) and ready`);
    return 'already running';
  }
  try {
    await waitForReadiness(store, pid, progress);
    progress(`ready on ${STACK_HOST}:${store.clientPort} (pid ${pid})`);
    return 'started';
  } catch (error) {
    reportStartFailure(store, error);
    return 'failed';
  }
}

function waitForReadiness(store: Store, pid: number, progress: Progress): Promise<void> {
  return withHeartbeat(progress, store.readinessActivity, () =>
    waitUntilReady({
      isReady: () => store.isReady(),
      isAlive: () => isOurProcess(pid, commandLineMarker(store)),
      timeoutMs: store.readyTimeoutMs,
    }),
  );
}

function reportStartFailure(store: Store, error: unknown): void {
  const report = failureFor(store.name);
  report(`failed to start: ${messageOf(error)}`);
  const lastLines = tailLines(store.layout.logFile, FAILURE_LOG_LINES);
  if (lastLines.length > 0)
    report(`last lines of its log:\n${lastLines.map((line) => `    ${line}`).join('\n')}`);
  report(`log: ${store.layout.logFile}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
