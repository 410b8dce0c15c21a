import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { deployTools } from './tools.js';

/** A throwaway Prometheus on 127.0.0.1 (Debian's package), for integration tests. */
export interface PrometheusServer {
  url: string;
  /** Runs an instant query; throws on a query error. */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** GET an API path (e.g. /api/v1/rules) and return its `data`. */
  api<T>(apiPath: string): Promise<T>;
  logs(): string;
  stop(): Promise<void>;
}

export interface ScrapeTarget {
  job: string;
  /** host:port */
  address: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** prometheus.yml scraping static targets every second and evaluating the rule files as often. */
export function prometheusConfig(targets: ScrapeTarget[], ruleFiles: string[]): string {
  return JSON.stringify(
    {
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: ruleFiles,
      scrape_configs: targets.map(({ job, address }) => ({
        job_name: job,
        static_configs: [{ targets: [address] }],
      })),
    },
    null,
    2,
  );
}

export async function startPrometheus(
  dir: string,
  targets: ScrapeTarget[],
  ruleFiles: string[],
): Promise<PrometheusServer> {
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const configFile = path.join(dir, 'prometheus.yml');
  // JSON is YAML: no YAML writer needed.
  writeFileSync(configFile, prometheusConfig(targets, ruleFiles));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    deployTools().prometheus,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const api = async <T>(apiPath: string): Promise<T> => {
    const res = await fetch(`${url}${apiPath}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${apiPath}: ${body.error ?? res.status}`);
    return body.data;
  };
  const server: PrometheusServer = {
    url,
    api,
    async query(expr) {
      const data = await api<{
        result: { metric: Record<string, string>; value: [number, string] }[];
      }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
      return data.result;
    },
    logs: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${output}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.stop();
  throw new Error(`prometheus not ready within 30 s: ${output}`);
}
