import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { eventually, stack, startApp, type AppProcess } from '@lambda/testing';

const apps = ['ingest', 'speed', 'batch', 'serving', 'reconciliation'] as const;
const readiness = async (app: AppProcess) => {
  const res = await fetch(`${app.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
};

describe.each(apps)('%s as a real process', (name) => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp(name);
  });
  afterAll(() => app.process.kill('SIGKILL'));

  it('is alive, ready against the running stores, and exports prefixed metrics', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    await eventually(async () => (await readiness(app)).status === 200);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain(`lambda_${name}_process_resident_memory_bytes`);
    expect(
      app.logs.every((line) => line['service'] === name && typeof line['time'] === 'string'),
    ).toBe(true);
  });

  it('exits 0 within 10 s of SIGTERM', async () => {
    const started = Date.now();
    expect(await app.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(app.logs.some((line) => line['msg'] === 'stopped')).toBe(true);
  });
});

describe('readiness follows the stores', () => {
  it('turns unready while ClickHouse is stopped and ready again when it returns', async () => {
    const batch = await startApp('batch');
    const serving = await startApp('serving');
    try {
      await eventually(async () => (await readiness(batch)).status === 200);
      await stack('down', 'clickhouse');
      const down = await readiness(batch);
      expect(down.status).toBe(503);
      expect(down.body.checks['clickhouse']).not.toBe('ok');
      expect(down.body.checks['cassandra']).toBe('ok');
      expect((await readiness(serving)).status).toBe(200);
    } finally {
      await stack('up', 'clickhouse');
    }
    await eventually(async () => (await readiness(batch)).status === 200);
    await Promise.all([batch.stop(), serving.stop()]);
  });

  it.each([
    ['ingest', 'kafka', { KAFKA_BROKERS: '127.0.0.1:1' }],
    ['serving', 'cassandra', { CASSANDRA_CONTACT_POINTS: '127.0.0.1:1' }],
  ] as const)('%s is unready while %s is unreachable', async (name, store, env) => {
    const app = await startApp(name, { env });
    const { status, body } = await readiness(app);
    expect(status).toBe(503);
    expect(body.checks[store]).not.toBe('ok');
    await app.stop();
  });
});

describe('configuration errors', () => {
  it('stop the app at start with one line naming the variable', () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const result = spawnSync(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['apps/serving/src/main.ts'],
      {
        cwd: root,
        env: { ...process.env, HTTP_PORT: 'eighty', CASSANDRA_CONTACT_POINTS: '' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'serving: invalid configuration: HTTP_PORT: expected an integer (got "eighty")',
    );
  });
});
