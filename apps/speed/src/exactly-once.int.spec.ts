import {
  generateOrderStream,
  produceItems,
  readLog,
  seededRandom,
  speedOracle,
  waitForGroupCaughtUp,
  type AppProcess,
} from '@lambda/testing';
import { createSpeedFixture } from './testing/speed-fixture.js';

const DAY = 86_400_000;
const seed = Number(process.env['SPEED_CRASH_SEED'] ?? Date.now() % 100_000);

/**
 * The crash drill: SIGKILLs land at random points (1.5–4 s after each restart is listening) while
 * 200,000 events arrive at 3,000/s, so most hit a backlog mid-batch: between a batch's partials
 * and its progress, between progress and commit, or while reading back partials after a restart.
 * Reproduce a failure with SPEED_CRASH_SEED.
 */
describe('speed layer: exactly-once in effect (real Kafka and Cassandra)', () => {
  let fixture: Awaited<ReturnType<typeof createSpeedFixture>>;
  beforeAll(async () => {
    fixture = await createSpeedFixture('crash');
  });
  afterAll(() => fixture.dispose());

  it(`equals the oracle after 10 SIGKILLs mid-stream (200,000 events, 5% duplicates, 5% late; seed ${seed})`, async () => {
    const items = generateOrderStream({
      seed,
      count: 200_000,
      startMs: Date.UTC(2026, 0, 1),
      stepMs: Math.round((3 * DAY) / 200_000),
      duplicateRate: 0.05,
      lateRate: 0.05,
    });
    // Where the time went, on stderr: a drill that slows down shows which phase did.
    const t0 = Date.now();
    const phases: string[] = [];
    const mark = (what: string) =>
      phases.push(`${what} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const producing = produceItems(fixture.kafka, fixture.topic, items, { eventsPerSecond: 3000 });
    const random = seededRandom(seed);
    let speed: AppProcess = await fixture.startSpeed();
    for (let kill = 0; kill < 10; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 1500 + random() * 2500));
      speed.process.kill('SIGKILL');
      await speed.exited;
      speed = await fixture.startSpeed();
    }
    mark('10 restarts');
    await producing;
    mark('produced');
    await waitForGroupCaughtUp(fixture.kafka, fixture.groupId, fixture.topic, 300_000);
    mark('caught up');
    expect(await speed.stop('SIGTERM')).toBe(0);

    const expected = speedOracle(
      await readLog(fixture.kafka, fixture.topic),
      fixture.allowedLatenessMs,
    );
    const stored = await fixture.storedPartials();
    mark('oracle and rows read');
    process.stderr.write(`[crash drill, seed ${seed}] ${phases.join(', ')}\n`);
    expect(stored.size).toBe(expected.partials.size);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(expected.partials));
    expect(Object.fromEntries(await fixture.storedLateEvents())).toEqual(
      Object.fromEntries(expected.late),
    );
  }, 900_000);
});
