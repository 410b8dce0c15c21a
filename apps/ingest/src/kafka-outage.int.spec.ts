import { mintApiKey } from '@lambda/auth';
import { kafkaSection, loadConfig } from '@lambda/config';
import { sleep } from '@lambda/errors';
import { createKafka } from '@lambda/kafka';
import { eventually, stack, startApp, type AppProcess } from '@lambda/testing';
import { orderEvent } from './testing/order-event.js';
import { silentLogger } from './testing/test-ingest.js';
import { createTestTopics, readTopic } from './testing/test-topics.js';

const PRODUCE_TIMEOUT_MS = 2000;
const SENDERS = 3;

interface Answer {
  events: Record<string, unknown>[];
  status: number;
  retryAfter: string | null;
  startedAt: number;
  finishedAt: number;
}

describe('ingest (real process) while Kafka stops and restarts', () => {
  it('answers 503 with Retry-After while Kafka is down, recovers by itself, and loses no 202 event', async () => {
    const kafka = createKafka(loadConfig({ kafka: kafkaSection }).kafka, { logger: silentLogger });
    const topics = await createTestTopics(kafka, 'outage');
    const writer = mintApiKey({ id: 'outage', scopes: ['events:write'], ratePerSecond: 1e6 });
    const app: AppProcess = await startApp('ingest', {
      env: {
        API_KEYS: JSON.stringify([writer.entry]),
        INGEST_RAW_TOPIC: topics.rawTopic,
        INGEST_DLQ_TOPIC: topics.dlqTopic,
        INGEST_PRODUCE_TIMEOUT_MS: String(PRODUCE_TIMEOUT_MS),
      },
    });
    const ready = async () => (await fetch(`${app.url}/readyz`)).status === 200;
    const answers: Answer[] = [];
    let sending = true;
    const sendUntilStopped = async () => {
      while (sending) {
        const events = [orderEvent({}, 'outage'), orderEvent({}, 'outage')];
        const startedAt = Date.now();
        const res = await fetch(`${app.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${writer.token}` },
          body: JSON.stringify(events),
        });
        await res.arrayBuffer();
        const retryAfter = res.headers.get('retry-after');
        answers.push({ events, status: res.status, retryAfter, startedAt, finishedAt: Date.now() });
        await sleep(50);
      }
    };
    const senders = Array.from({ length: SENDERS }, sendUntilStopped);
    const acceptedSince = (time: number) =>
      answers.filter((a) => a.startedAt > time && a.status === 202).length;

    let downAt = Infinity;
    let upAt = Infinity;
    try {
      await eventually(async () => acceptedSince(0) >= 10);
      await stack('down', 'kafka');
      downAt = Date.now();
      await eventually(async () => answers.filter((a) => a.startedAt > downAt).length >= 10);
      expect(await ready()).toBe(false);
    } finally {
      upAt = Date.now();
      await stack('up', 'kafka');
    }
    const recoveredAt = Date.now();
    await eventually(async () => acceptedSince(recoveredAt) >= 10, { timeoutMs: 90_000 });
    await eventually(ready);
    sending = false;
    await Promise.all(senders);

    expect(app.process.exitCode).toBeNull();
    expect(answers.filter((a) => a.status !== 202 && a.status !== 503)).toEqual([]);
    const whileDown = answers.filter((a) => a.startedAt > downAt && a.finishedAt < upAt);
    expect(whileDown.length).toBeGreaterThanOrEqual(10);
    for (const answer of whileDown) {
      expect(answer).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      expect(answer.finishedAt - answer.startedAt).toBeLessThan(PRODUCE_TIMEOUT_MS + 1500);
    }

    const stored = new Set(
      (await readTopic(kafka, topics.rawTopic, silentLogger)).map((m) => String(m.value)),
    );
    const accepted = answers.filter((a) => a.status === 202).flatMap((a) => a.events);
    expect(accepted.length).toBeGreaterThanOrEqual(40);
    expect(accepted.map((e) => JSON.stringify(e)).filter((value) => !stored.has(value))).toEqual(
      [],
    );

    expect(await app.stop()).toBe(0);
    await topics.remove();
  }, 300_000);
});
