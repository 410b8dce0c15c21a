import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { build } from 'esbuild';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Bundles an app as `nx build <app>` does for its image (apps/<app>/project.json: esbuild, cjs,
 * node20, workspace libs inlined, npm packages left to node_modules), into tmp/bench so the
 * packages resolve from the repository's node_modules.
 */
export async function bundleApp(app: string): Promise<string> {
  const outfile = path.join(repoRoot, 'tmp', 'bench', app, 'main.js');
  await build({
    entryPoints: [path.join(repoRoot, 'apps', app, 'src', 'main.ts')],
    tsconfig: path.join(repoRoot, 'apps', app, 'tsconfig.json'),
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  });
  return outfile;
}

export interface BundledProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Runs a bundle the way the image does (`node --enable-source-maps main.js`), with extra node
 * flags first, and resolves once it logs the URL it listens on.
 */
export async function startBundle(
  file: string,
  { env, nodeArgs = [] }: { env: Record<string, string>; nodeArgs?: string[] },
): Promise<BundledProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', file], {
    cwd: path.dirname(file),
    env: { ...process.env, HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines)
        if (line.includes('"http listening"')) resolve(String(JSON.parse(line).url));
    });
    void exited.then(() => reject(new Error(`${file} exited before listening`)));
  });
  child.stdout!.resume();
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Resident MiB of a process that holds only a connected kafkajs producer with ingest's settings:
 * the floor an intake process cannot go below (Node itself plus kafkajs).
 */
export async function bareProducerIdleRssMiB(brokers: readonly string[]): Promise<number> {
  const script = `
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({ clientId: 'bench-bare-rss', brokers: ${JSON.stringify(brokers)}, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    producer.connect().then(() => setTimeout(async () => {
      process.stdout.write(String(process.memoryUsage().rss / 1048576));
      await producer.disconnect();
    }, 1000));`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await once(child, 'exit');
  return Number(out);
}
