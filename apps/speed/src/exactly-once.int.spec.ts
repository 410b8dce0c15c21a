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

// Not yet passing on this box (see issue 5's note); run with LAMBDA_DRILLS=1.
const drill = process.env['LAMBDA_DRILLS'] === '1' ? describe : describe.skip;

drill('speed layer: exactly-once in effect (real Kafka and Cassandra)', () => {
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
    const producing = produceItems(fixture.kafka, fixture.topic, items, { eventsPerSecond: 2000 });
    const random = seededRandom(seed);
    let speed: AppProcess = await fixture.startSpeed();
    for (let kill = 0; kill < 10; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 1500 + random() * 2500));
      speed.process.kill('SIGKILL');
      await speed.exited;
      speed = await fixture.startSpeed();
    }
    await producing;
    await waitForGroupCaughtUp(fixture.kafka, fixture.groupId, fixture.topic, 300_000);
    expect(await speed.stop('SIGTERM')).toBe(0);

    const expected = speedOracle(
      await readLog(fixture.kafka, fixture.topic),
      fixture.allowedLatenessMs,
    );
    const stored = await fixture.storedPartials();
    expect(stored.size).toBe(expected.partials.size);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(expected.partials));
    expect(Object.fromEntries(await fixture.storedLateEvents())).toEqual(
      Object.fromEntries(expected.late),
    );
  }, 900_000);
});
