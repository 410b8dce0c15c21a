import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  isOurProcess,
  readPidFile,
  run,
  spawnDetached,
  stopProcess,
  writePidFile,
} from './process.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'stack-process-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tmpDir(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  return dir;
}

describe('detached processes', () => {
  const dir = tmpDir('servers');
  const logFile = path.join(dir, 'logs', 'server.log');
  // The folder path appears on the command line, which is what marks the process as ours.
  const spawnServer = (script: string): Promise<number> =>
    spawnDetached(process.execPath, ['-e', script, dir], { cwd: dir, logFile });

  it('starts a process that isOurProcess recognises, and stops it with SIGTERM', async () => {
    const pid = await spawnServer('setInterval(() => {}, 1000)');
    expect(existsSync(logFile)).toBe(true);
    expect(isOurProcess(pid, dir)).toBe(true);
    expect(isOurProcess(pid, '/some/other/stack/')).toBe(false);
    await expect(stopProcess(pid, dir, 5000)).resolves.toBe('terminated');
    expect(isOurProcess(pid, dir)).toBe(false);
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const pid = await spawnServer(
      "process.on('SIGTERM', () => {}); console.log('armed'); setInterval(() => {}, 1000)",
    );
    while (!readFileSync(logFile, 'utf8').includes('armed')) await delay(50);
    await expect(stopProcess(pid, dir, 500)).resolves.toBe('killed');
    expect(isOurProcess(pid, dir)).toBe(false);
  });

  it('rejects with the command name when the binary does not exist', async () => {
    await expect(spawnDetached('/no/such/binary', [], { cwd: dir, logFile })).rejects.toThrow(
      'could not start /no/such/binary',
    );
  });
});

describe('run', () => {
  const dir = tmpDir('run');
  const logFile = path.join(dir, 'install.log');

  it('resolves to stdout', async () => {
    await expect(run('echo', ['hello'], { cwd: dir, logFile })).resolves.toBe('hello\n');
  });

  it('rejects with the exit code, the log path and the last output lines', async () => {
    await expect(
      run('sh', ['-c', 'echo broken >&2; exit 3'], { cwd: dir, logFile }),
    ).rejects.toThrow(new RegExp(`sh failed \\(exit code 3\\); see ${logFile}:[\\s\\S]*broken`));
  });
});

describe('pid files', () => {
  it('round-trips a pid and ignores garbage', () => {
    const pidFile = path.join(tmpDir('pid'), 'store.pid');
    expect(readPidFile(pidFile)).toBeUndefined();
    writePidFile(pidFile, 4242);
    expect(readPidFile(pidFile)).toBe(4242);
  });
});
