import { ROOT_CONTEXT, context } from '@opentelemetry/api';
import { sleep, type PlatformError } from '@lambda/errors';
import { kafkaError, type OutgoingMessage } from '@lambda/kafka';
import { kafkaTimeout, overloaded } from './publish-errors.js';
import type { ReplaceableProducer } from './replaceable-producer.js';
import { splitBySize } from './split-by-size.js';
import { within } from './within.js';

export interface PublisherOptions {
  producer: ReplaceableProducer;
  topic: string;
  /** Longest one publish waits, from its call until Kafka acknowledged it. */
  timeoutMs: number;
  /** Messages queued or in flight beyond which `publish` refuses at once. */
  maxPendingMessages: number;
  /**
   * Upper bound of one Kafka send in bytes. Default 256 KiB: under the broker's 1 MiB batch
   * limit even when every message of a send goes to the same partition, and small enough that
   * kafkajs's grouping by partition, which copies each partition's array once per message
   * (quadratic in a send's size), stays cheap. tools/bench measured 256 KiB faster than 512 KiB
   * at a lower peak RSS (docs/adr/0004-ingest-acceptance.md).
   */
  maxSendBytes?: number;
  /** Told the outcome and duration of every Kafka send, for metrics. */
  onSend?: (outcome: 'ok' | 'error', seconds: number) => void;
}

export interface Publisher {
  /** Resolves once Kafka acknowledged every message; rejects with a retriable PlatformError. */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  readonly pendingMessages: number;
  /** Lets the send in flight finish (within the timeout), then disconnects. */
  close(): Promise<void>;
}

/** The part of one publish call that fits in a send; a failed part cancels the rest of its call. */
interface Chunk {
  readonly messages: OutgoingMessage[];
  readonly bytes: number;
  readonly call: { cancelled: boolean };
  readonly acknowledged: Promise<void>;
  settle(failure: PlatformError | undefined): void;
}

function chunkOf(call: Chunk['call'], messages: OutgoingMessage[], bytes: number): Chunk {
  let settle: Chunk['settle'] = () => undefined;
  const acknowledged = new Promise<void>((resolve, reject) => {
    settle = (failure) => {
      if (!failure) return resolve();
      call.cancelled = true;
      reject(failure);
    };
  });
  return { messages, bytes, call, acknowledged, settle };
}

/**
 * Group commit for one topic: while a send is in flight, messages of every request queue up and
 * leave together in the next send. kafkajs has no linger of its own, and with an idempotent
 * producer it sends one request at a time, so this is what lets concurrent requests share a
 * round trip. One send at a time also keeps each key's order across requests.
 */
export function createBatchingPublisher(options: PublisherOptions): Publisher {
  const { producer, topic, timeoutMs, maxPendingMessages, onSend } = options;
  const maxSendBytes = options.maxSendBytes ?? 256 * 1024;
  const queue: Chunk[] = [];
  let pending = 0;
  let sending = false;

  const takeSend = (): Chunk[] => {
    const taken: Chunk[] = [];
    let bytes = 0;
    for (let next = queue[0]; next; next = queue[0]) {
      const live = !next.call.cancelled;
      if (live && taken.length > 0 && bytes + next.bytes > maxSendBytes) break;
      queue.shift();
      if (!live) continue;
      taken.push(next);
      bytes += next.bytes;
    }
    return taken;
  };

  const send = async (chunks: Chunk[]) => {
    const started = performance.now();
    let failure: PlatformError | undefined;
    try {
      await producer.send(
        topic,
        chunks.flatMap((chunk) => chunk.messages),
        timeoutMs,
      );
    } catch (error) {
      failure = kafkaError('produce', error, { topic });
    }
    onSend?.(failure ? 'error' : 'ok', (performance.now() - started) / 1000);
    for (const chunk of chunks) chunk.settle(failure);
  };

  const pump = () => {
    if (sending) return;
    const chunks = takeSend();
    if (chunks.length === 0) return;
    sending = true;
    // Each message already carries its own request's trace context; the shared send must not
    // overwrite it with whichever request happened to start it.
    void context
      .with(ROOT_CONTEXT, () => send(chunks))
      .then(() => {
        sending = false;
        pump();
      });
  };

  return {
    get pendingMessages() {
      return pending;
    },
    async publish(messages) {
      if (messages.length === 0) return;
      if (pending + messages.length > maxPendingMessages)
        throw overloaded(topic, pending, maxPendingMessages);
      pending += messages.length;
      const call = { cancelled: false };
      const chunks = splitBySize(messages, maxSendBytes).map((part) =>
        chunkOf(call, part.messages, part.bytes),
      );
      queue.push(...chunks);
      pump();
      try {
        await within(Promise.all(chunks.map((chunk) => chunk.acknowledged)), timeoutMs, () =>
          kafkaTimeout(topic, timeoutMs),
        );
      } catch (error) {
        call.cancelled = true;
        throw error;
      } finally {
        pending -= messages.length;
      }
    },
    async close() {
      const deadline = Date.now() + timeoutMs;
      while (sending && Date.now() < deadline) await sleep(20);
      await producer.close();
    },
  };
}
