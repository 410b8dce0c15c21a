import {
  batchOracle,
  eventually,
  generateOrderStream,
  oracleViews,
  readLog,
  speedOracle,
  waitForGroupCaughtUp,
  type AppProcess,
} from '@lambda/testing';
import { createPlatform, type Platform } from './testing/platform.js';
import { sendThroughIngest } from './testing/send-traffic.js';
import { expectServedEqualsOracle } from './testing/expect-served.js';
import { reconciliationViews, type ReconciledView } from './testing/reconciliation-status.js';

const HOUR = 3_600_000;
const ALLOWED_LATENESS_MS = 30 * 60_000;
const seed = Number(process.env['E2E_SEED'] ?? Date.now() % 100_000);

describe(`the platform end to end against an independent oracle (seed ${seed})`, () => {
  let platform: Platform;
  let ingest: AppProcess;
  let serving: AppProcess;
  beforeAll(async () => {
    platform = await createPlatform('oracle', {
      BATCH_SETTLE_DELAY_MS: '0',
      SPEED_ALLOWED_LATENESS_MS: String(ALLOWED_LATENESS_MS),
      SERVING_STATE_TTL_MS: '0',
      SERVING_SPEED_CACHE_MS: '0',
      SERVING_SETTLED_CACHE_MS: '0',
    });
    [ingest, serving] = await Promise.all([platform.start('ingest'), platform.start('serving')]);
    await Promise.all([platform.start('speed'), platform.start('batch', ['archive'])]);
  }, 180_000);
  afterAll(() => platform.dispose(), 120_000);

  it('serves every view exactly as the oracle computes it, batch before the watermark and speed after', async () => {
    // Four hours of orders ending now: 5% late (some beyond the allowed lateness), 3% re-sent, 1% malformed.
    const count = 24_000;
    const items = generateOrderStream({
      seed,
      count,
      startMs: Date.now() - 4 * HOUR,
      stepMs: Math.floor((4 * HOUR) / count),
      duplicateRate: 0.03,
      lateRate: 0.05,
      lateByMs: [5 * 60_000, 3 * HOUR],
      malformedRate: 0.01,
    });
    const midway = Math.floor(items.length * 0.6);

    const first = await sendThroughIngest(ingest.url, items.slice(0, midway));
    const beforeRun = await readLog(platform.kafka, platform.topics.raw);
    expect(beforeRun).toHaveLength(first.accepted);
    await eventually(async () => (await platform.archivedDeliveries()) === beforeRun.length, {
      timeoutMs: 120_000,
    });
    const recompute = await platform.start('batch', ['recompute']);
    expect(await recompute.exited).toBe(0);

    const second = await sendThroughIngest(ingest.url, items.slice(midway));
    expect(first.rejected + second.rejected).toBe(
      items.filter((item) => item.kind === 'malformed').length,
    );
    await waitForGroupCaughtUp(platform.kafka, platform.groups.speed, platform.topics.raw, 180_000);

    const log = await readLog(platform.kafka, platform.topics.raw);
    expect(log).toHaveLength(first.accepted + second.accepted);
    const batch = batchOracle(beforeRun.map((entry) => entry.document));
    const speed = speedOracle(log, ALLOWED_LATENESS_MS).windows;

    const layers = await expectServedEqualsOracle(serving.url, { batch, speed });
    expect(layers.batch).toBeGreaterThan(0);
    expect(layers.speed).toBeGreaterThan(0);

    // Batch again over everything: what speed lacks now is only what it dropped as late. (The
    // mid-way run had no settle delay, so events after it were rightly unexplained drift then.)
    const rerunAt = Date.now();
    const rerun = await platform.start('batch', ['recompute']);
    expect(await rerun.exited).toBe(0);
    const reconciliation = await platform.start('reconciliation');
    let reconciled: ReconciledView[] = [];
    await eventually(
      async () => {
        reconciled = (await reconciliationViews(reconciliation.url)).filter(
          (v) => v.lastSucceededRun && Date.parse(v.lastSucceededRun.startedAt) >= rerunAt,
        );
        return reconciled.length === oracleViews.length;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    // The daily view may have no settled day with data yet; the others compare many windows.
    const compared = reconciled.map((v) => v.lastSucceededRun!.windowsCompared);
    expect(compared.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const { view, lastSucceededRun: run } of reconciled) {
      expect({ view, severity: run!.severity }).toEqual({ view, severity: 'ok' });
      for (const measure of run!.measures)
        expect({ view, measure: measure.measure, unexplained: measure.unexplained }).toEqual({
          view,
          measure: measure.measure,
          unexplained: 0,
        });
    }
  }, 900_000);
});
