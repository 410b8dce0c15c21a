import { Writable } from 'node:stream';
import { PlatformError } from '@lambda/errors';
import type { EventProducer, OutgoingMessage } from '@lambda/kafka';
import { createLogger } from '@lambda/telemetry';
import { createBatchingPublisher } from './batching-publisher.js';
import { createReplaceableProducer } from './replaceable-producer.js';

const logger = createLogger({
  service: 'publisher-spec',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

/** A producer double whose sends stay pending until the test settles them. */
function fakeKafka() {
  const sends: { producer: number; values: string[]; settle(error?: Error): void }[] = [];
  const disconnected: number[] = [];
  let made = 0;
  const makeProducer = (): EventProducer => {
    const id = ++made;
    return {
      connect: async () => undefined,
      send: (_topic, messages) =>
        new Promise((resolve, reject) =>
          sends.push({
            producer: id,
            values: messages.map((m) => String(m.value)),
            settle: (error) => (error ? reject(error) : resolve([])),
          }),
        ),
      disconnect: async () => {
        disconnected.push(id);
      },
    };
  };
  return { sends, disconnected, made: () => made, makeProducer };
}

const messages = (...values: string[]): OutgoingMessage[] =>
  values.map((value) => ({ key: 'k', value }));
const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup({ timeoutMs = 1000, maxPendingMessages = 100, maxSendBytes = 1024 } = {}) {
  const kafka = fakeKafka();
  const outcomes: string[] = [];
  const publisher = createBatchingPublisher({
    producer: createReplaceableProducer(kafka.makeProducer, logger),
    topic: 't',
    timeoutMs,
    maxPendingMessages,
    maxSendBytes,
    onSend: (outcome) => outcomes.push(outcome),
  });
  return { kafka, publisher, outcomes };
}

describe('createBatchingPublisher', () => {
  it('sends one batch at a time; requests arriving meanwhile share the next send, in order', async () => {
    const { kafka, publisher, outcomes } = setup();
    const first = publisher.publish(messages('a'));
    await tick();
    const second = publisher.publish(messages('b', 'c'));
    const third = publisher.publish(messages('d'));
    await tick();
    expect(kafka.sends.map((s) => s.values)).toEqual([['a']]);
    expect(publisher.pendingMessages).toBe(4);
    kafka.sends[0]?.settle();
    await first;
    await tick();
    expect(kafka.sends.map((s) => s.values)).toEqual([['a'], ['b', 'c', 'd']]);
    kafka.sends[1]?.settle();
    await Promise.all([second, third]);
    expect(outcomes).toEqual(['ok', 'ok']);
    expect(publisher.pendingMessages).toBe(0);
  });

  it('fails every request of a failed send and never reuses that producer', async () => {
    const { kafka, publisher, outcomes } = setup();
    const failed = publisher.publish(messages('a'));
    await tick();
    kafka.sends[0]?.settle(new Error('broker gone'));
    await expect(failed).rejects.toBeInstanceOf(PlatformError);
    expect(kafka.disconnected).toEqual([1]);
    const retried = publisher.publish(messages('a'));
    await tick();
    expect(kafka.sends[1]?.producer).toBe(2);
    kafka.sends[1]?.settle();
    await retried;
    expect(outcomes).toEqual(['error', 'ok']);
  });

  it('answers within the timeout when Kafka hangs, and sends what was queued on a new producer', async () => {
    const { kafka, publisher } = setup({ timeoutMs: 50 });
    const hanging = publisher.publish(messages('a'));
    await tick();
    const queued = publisher.publish(messages('b'));
    await expect(hanging).rejects.toMatchObject({ code: 'kafka_timeout', retriable: true });
    await expect(queued).rejects.toMatchObject({ code: 'kafka_timeout' });
    await tick();
    expect(kafka.disconnected).toEqual([1]);
    expect(kafka.sends.map((s) => [s.producer, ...s.values])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(publisher.pendingMessages).toBe(0);
  });

  it('refuses at once beyond the pending bound', async () => {
    const { kafka, publisher } = setup({ maxPendingMessages: 3 });
    const waiting = publisher.publish(messages('a', 'b'));
    await expect(publisher.publish(messages('c', 'd'))).rejects.toMatchObject({
      code: 'ingest_overloaded',
      retriable: true,
    });
    await tick();
    kafka.sends[0]?.settle();
    await waiting;
  });

  it('splits a large request over several sends and answers once all are acknowledged', async () => {
    const { kafka, publisher } = setup({ maxSendBytes: 9 });
    const big = publisher.publish(messages('aaaa', 'bbbb', 'cccc'));
    for (let i = 0; i < 3; i++) {
      await tick();
      kafka.sends[i]?.settle();
    }
    await big;
    expect(kafka.sends.map((s) => s.values)).toEqual([['aaaa'], ['bbbb'], ['cccc']]);
  });

  it('fails a split request at its first failed part and never sends the rest', async () => {
    const { kafka, publisher } = setup({ maxSendBytes: 9 });
    const big = publisher.publish(messages('aaaa', 'bbbb', 'cccc'));
    const other = publisher.publish(messages('d'));
    await tick();
    kafka.sends[0]?.settle(new Error('broker gone'));
    await expect(big).rejects.toMatchObject({ code: 'kafka_error' });
    await tick();
    expect(kafka.sends.map((s) => s.values)).toEqual([['aaaa'], ['d']]);
    kafka.sends[1]?.settle();
    await other;
  });
});
