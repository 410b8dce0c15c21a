import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { eventually, startApp, type AppProcess } from '@lambda/testing';

/**
 * `npm run demo`: the local stores, all five apps as real processes, live traffic through ingest,
 * one batch recompute part-way, and a merged query showing batch and speed windows side by side.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const KEY = 'dev-key-insecure';
const step = (text: string) => console.log(`\n[demo] ${text}`);
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

const apps: { name: string; port: number; args?: string[] }[] = [
  { name: 'ingest', port: 8081 },
  { name: 'serving', port: 8082 },
  { name: 'speed', port: 8083 },
  { name: 'batch', port: 8084, args: ['archive'] },
  { name: 'reconciliation', port: 8085 },
];
const running: AppProcess[] = [];

async function stopAll(code: number) {
  step('stopping the apps (the stores keep running: npm run stack -- down)');
  await Promise.all(running.map((app) => app.stop('SIGTERM')));
  process.exit(code);
}

async function query(pathAndQuery: string) {
  const res = await fetch(`http://127.0.0.1:8082${pathAndQuery}`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function printSeries(title: string, body: Record<string, unknown>) {
  console.log(`\n  ${title}`);
  console.log(
    `  batch watermark: ${body['batchWatermark'] ?? 'none'}   speed watermark: ${body['speedWatermark'] ?? 'none'}`,
  );
  for (const w of (body['windows'] as Record<string, unknown>[] | undefined) ?? [])
    console.log(
      `  ${String(w['start'])}  ${String(w['layer']).padEnd(5)}  ${JSON.stringify(w['measures'])}`,
    );
}

async function main() {
  process.once('SIGINT', () => void stopAll(0));
  step('starting Kafka, ClickHouse and Cassandra (first run downloads them: about a minute)');
  execFileSync(tsx, ['tools/stack/src/cli.ts', 'up'], { cwd: root, stdio: 'inherit' });

  const env = { BATCH_SETTLE_DELAY_MS: '0', SPEED_ALLOWED_LATENESS_MS: '600000' };
  for (const app of apps) {
    step(`starting ${app.name} on http://127.0.0.1:${app.port}`);
    const started = await startApp(app.name, {
      env: { ...env, HTTP_PORT: String(app.port) },
      args: app.args ?? [],
    });
    running.push(started);
    await eventually(async () => (await fetch(`${started.url}/readyz`)).ok, { timeoutMs: 90_000 });
  }

  step('sending 20 s of orders at 500/s through ingest (5% late, 3% re-delivered, 1% malformed)');
  spawnSync(
    tsx,
    [
      'tools/traffic/src/cli.ts',
      '--rate',
      '500',
      '--duration',
      '20',
      '--out',
      '.demo/traffic.ndjson',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );

  step('running one batch recompute over the settled windows');
  await new Promise((resolve) => setTimeout(resolve, 5000));
  spawnSync(tsx, ['apps/batch/src/main.ts', 'recompute'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env, HTTP_PORT: '0', LOG_LEVEL: 'warn' },
  });

  step('querying serving: batch for settled windows, speed for the rest');
  const fiveMinutes = 300_000;
  const to = Math.ceil(Date.now() / fiveMinutes) * fiveMinutes;
  const from = to - 12 * fiveMinutes;
  const series = await query(`/v1/views/order_status_5m/series?from=${from}&to=${to}`);
  printSeries(`order_status_5m, last hour (HTTP ${series.status})`, series.body);

  console.log(`
[demo] the platform is running:
  ingest   http://127.0.0.1:8081/v1/events        (POST, Authorization: Bearer ${KEY})
  serving  http://127.0.0.1:8082/v1/views          (GET, same key)
  openapi  http://127.0.0.1:8081/openapi.json  http://127.0.0.1:8082/openapi.json
  metrics  ${apps.map((a) => `http://127.0.0.1:${a.port}/metrics`).join('\n           ')}
  Ctrl-C stops the apps.`);
}

main().catch((error: unknown) => {
  console.error(`[demo] failed: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
