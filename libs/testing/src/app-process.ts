import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface AppProcess {
  readonly process: ChildProcess;
  /** Base URL the app's HTTP server listens on. */
  url: string;
  /** Every JSON log line the app printed so far. */
  logs: Record<string, unknown>[];
  /** Sends a signal and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export interface StartAppOptions {
  env?: Record<string, string>;
  /** Extra argv for the app (e.g. `archive`). */
  args?: string[];
  /** How long to wait for the "http listening" log line. Default 60000. */
  timeoutMs?: number;
  /**
   * Run the esbuild bundle the image runs (`dist/apps/<name>/main.js`, made by `nx build <name>`)
   * instead of the TypeScript source through tsx, e.g. to measure memory as deployed. Default false.
   */
  bundle?: boolean;
}

/**
 * Runs an app as a real process (through tsx, as in development) on an ephemeral port and
 * resolves once it logs the URL it listens on.
 */
export function startApp(
  name: string,
  { env = {}, args = [], timeoutMs = 60_000, bundle = false }: StartAppOptions = {},
): Promise<AppProcess> {
  // Node itself with tsx as a loader, not the tsx CLI: the CLI is a wrapper process, and a
  // SIGKILL to it would leave the real app running.
  const entry = bundle
    ? [path.join(repoRoot, 'dist', 'apps', name, 'main.js')]
    : ['--import', 'tsx', path.join(repoRoot, 'apps', name, 'src', 'main.ts')];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${name} did not start within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`),
      );
    }, timeoutMs);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry['msg'] === 'http listening') {
          clearTimeout(timer);
          resolve({
            process: child,
            url: String(entry['url']),
            logs,
            exited,
            stop: (signal = 'SIGTERM') => {
              child.kill(signal);
              return exited;
            },
          });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`${name} exited with ${code} before listening; stderr: ${stderr.slice(-2000)}`),
      );
    });
  });
}
