import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs the real CLI against the real stores. CI starts the shared stack first; `beforeAll` makes
 * sure of it (a no-op when it is up) so the file also works on its own.
 */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(REPO_ROOT, 'tools', 'stack', 'src', 'cli.ts');

interface CliResult {
  readonly exitCode: number | null;
  readonly output: string;
}

function stack(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, output }));
  });
}

/** Holds all servers open together so the ports are distinct, then frees them. */
async function freePorts(count: number): Promise<number[]> {
  const held = await Promise.all(Array.from({ length: count }, () => holdPort()));
  await Promise.all(held.map(({ release }) => release()));
  return held.map(({ port }) => port);
}

function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.end());
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ port, release: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describe('stack CLI against the shared stack', () => {
  beforeAll(async () => {
    const { exitCode, output } = await stack(['up']);
    expect({ exitCode, output }).toMatchObject({ exitCode: 0 });
  });

  it('treats `up` on the running stack as a no-op and says so', async () => {
    const { exitCode, output } = await stack(['up']);
    expect(exitCode).toBe(0);
    for (const store of ['kafka', 'cassandra', 'clickhouse']) {
      expect(output).toMatch(
        new RegExp(`\\[stack\\] ${store}: already running \\(pid \\d+\\) and ready`),
      );
    }
    expect(output).toContain('nothing to do');
    expect(output).not.toContain('starting');
  });

  it('reports each store as running and ready', async () => {
    const { exitCode, output } = await stack(['status']);
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^kafka: running \(pid \d+, 127\.0\.0\.1:\d+, ready\)$/m);
    expect(output).toMatch(/^cassandra: running \(pid \d+, 127\.0\.0\.1:\d+, ready\)$/m);
    expect(output).toMatch(/^clickhouse: running \(pid \d+, 127\.0\.0\.1:\d+, ready\)$/m);
  });
});

describe('stack CLI with its own stack folder', () => {
  let stackDir: string;

  beforeEach(() => {
    stackDir = mkdtempSync(path.join(os.tmpdir(), 'stack-int-'));
  });

  afterEach(() => rmSync(stackDir, { recursive: true, force: true }));

  it('refuses to start anything when a configured port is taken, naming the port and store', async () => {
    const held = await holdPort();
    try {
      const { exitCode, output } = await stack(['up'], {
        STACK_DIR: stackDir,
        STACK_CLICKHOUSE_HTTP_PORT: String(held.port),
      });
      expect(exitCode).not.toBe(0);
      expect(output).toContain(`clickhouse port ${held.port} on 127.0.0.1 is already in use`);
      expect(existsSync(path.join(stackDir, 'clickhouse', 'clickhouse.pid'))).toBe(false);
      expect(existsSync(path.join(stackDir, 'kafka', 'lib'))).toBe(false);
    } finally {
      await held.release();
    }
  });

  it('starts, reports and stops a single store on other ports', async () => {
    const [httpPort, tcpPort] = await freePorts(2);
    const env = {
      STACK_DIR: stackDir,
      STACK_CLICKHOUSE_HTTP_PORT: String(httpPort),
      STACK_CLICKHOUSE_TCP_PORT: String(tcpPort),
    };
    try {
      const started = await stack(['up', 'clickhouse'], env);
      expect(started.output).toContain('clickhouse: ready on 127.0.0.1');
      expect(started.exitCode).toBe(0);

      const running = await stack(['status', 'clickhouse'], env);
      expect(running.output.trim()).toMatch(
        /^clickhouse: running \(pid \d+, 127\.0\.0\.1:\d+, ready\)$/,
      );
    } finally {
      const stopped = await stack(['down', 'clickhouse'], env);
      expect(stopped.output).toMatch(/clickhouse: stopped \(pid \d+\)/);
    }
    const after = await stack(['status', 'clickhouse'], env);
    expect(after.output.trim()).toBe('clickhouse: stopped');
  });
});
