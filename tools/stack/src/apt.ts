import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { run } from './process.js';

/** clickhouse-server installs into /usr/sbin, which a non-root PATH usually lacks. */
const SYSTEM_BINARY_DIRS = ['/usr/sbin', '/usr/bin'];

export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), ...SYSTEM_BINARY_DIRS];
  return dirs
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, name))
    .find((candidate) => {
      try {
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** How apt-get is run with root rights; `env` carries DEBIAN_FRONTEND through sudo. */
interface RootLauncher {
  readonly command: string;
  readonly leadingArgs: readonly string[];
}

export interface AptInstallRequest {
  readonly packages: readonly string[];
  /** Installed in the same call when the archive has them; skipped silently otherwise. */
  readonly optionalPackages: readonly string[];
  readonly logFile: string;
}

export async function aptInstall({
  packages,
  optionalPackages,
  logFile,
}: AptInstallRequest): Promise<void> {
  const options = { cwd: '/', logFile };
  const launcher = await rootLauncher(logFile);
  if (launcher === undefined) {
    const wanted = [...packages, ...optionalPackages].join(' ');
    throw new Error(
      `apt-get needs root and sudo -n is not available; run: sudo apt-get install -y ${wanted}`,
    );
  }
  const aptGet = (args: readonly string[]): Promise<string> =>
    run(
      launcher.command,
      [...launcher.leadingArgs, 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args],
      options,
    );
  await aptGet(['update']);
  const available: string[] = [];
  for (const name of optionalPackages) {
    if (await succeeds(() => run('apt-cache', ['show', name], options))) available.push(name);
  }
  await aptGet(['install', '-y', ...packages, ...available]);
}

async function rootLauncher(logFile: string): Promise<RootLauncher | undefined> {
  if (process.getuid?.() === 0) return { command: 'env', leadingArgs: [] };
  const sudoWorks = await succeeds(() => run('sudo', ['-n', 'true'], { cwd: '/', logFile }));
  return sudoWorks ? { command: 'sudo', leadingArgs: ['-n', 'env'] } : undefined;
}

async function succeeds(attempt: () => Promise<unknown>): Promise<boolean> {
  try {
    await attempt();
    return true;
  } catch {
    return false;
  }
}
