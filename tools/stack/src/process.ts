import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { tailLines } from './logs.js';

export interface CommandOptions {
  readonly cwd: string;
  /** Receives the command's stdout and stderr. */
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts a process that outlives this CLI: own session, output to the log file, not waited for. */
export function spawnDetached(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<number> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const output = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', output, output],
    });
    return new Promise((resolve, reject) => {
      child.once('error', (error) =>
        reject(new Error(`could not start ${command}: ${error.message}`)),
      );
      child.once('spawn', () => {
        child.unref();
        if (child.pid === undefined) reject(new Error(`could not start ${command}: no pid`));
        else resolve(child.pid);
      });
    });
  } finally {
    closeSync(output);
  }
}

/** Runs a command to completion; resolves to its stdout, also appending all output to the log file. */
export function run(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<string> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  appendFileSync(options.logFile, `$ ${command} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      appendFileSync(options.logFile, chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => appendFileSync(options.logFile, chunk));
    child.once('error', (error) => reject(new Error(`could not run ${command}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve(stdout);
        return;
      }
      const lastLines = tailLines(options.logFile, 15).join('\n');
      reject(
        new Error(
          `${command} failed (${signal ?? `exit code ${code}`}); see ${options.logFile}:\n${lastLines}`,
        ),
      );
    });
  });
}

export function readPidFile(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePidFile(pidFile: string, pid: number): void {
  writeFileSync(pidFile, `${pid}\n`);
}

export function removePidFile(pidFile: string): void {
  rmSync(pidFile, { force: true });
}

/**
 * Alive and still the process we started: its command line must mention our store folder,
 * so a pid recycled by an unrelated process after a reboot is never reported or killed.
 */
export function isOurProcess(pid: number, commandLineMarker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(commandLineMarker);
  } catch {
    return false;
  }
}

export type StopOutcome = 'terminated' | 'killed';

export async function stopProcess(
  pid: number,
  commandLineMarker: string,
  graceMs: number,
): Promise<StopOutcome> {
  signal(pid, 'SIGTERM');
  if (await exitsWithin(pid, commandLineMarker, graceMs)) return 'terminated';
  signal(pid, 'SIGKILL');
  await exitsWithin(pid, commandLineMarker, 5000);
  return 'killed';
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function exitsWithin(
  pid: number,
  commandLineMarker: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isOurProcess(pid, commandLineMarker)) {
    if (Date.now() >= deadline) return false;
    await delay(200);
  }
  return true;
}
