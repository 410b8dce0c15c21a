import type { Request, Response } from 'express';
import { apiKeyIdOf } from '@lambda/auth';
import { PlatformError } from '@lambda/errors';
import type { OutgoingMessage } from '@lambda/kafka';
import { HttpProblem, badRequest, serviceUnavailable } from '@lambda/http';
import type { AcceptedBody, RejectedEvent } from './api-schemas.js';
import type { Publisher } from './batching-publisher.js';
import type { RecordRejections, RejectionContext } from './dlq-writer.js';
import type { IngestMetrics } from './ingest-metrics.js';
import { toKafkaMessages } from './kafka-message.js';
import { readEvents } from './read-events.js';
import type { Rejection } from './rejection.js';
import { validateEvents, type AcceptedEvent } from './validate-events.js';

export interface AcceptEventsOptions {
  publisher: Publisher;
  recordRejections: RecordRejections;
  metrics: IngestMetrics;
  maxEvents: number;
  /** Retry-After when Kafka did not acknowledge in time. */
  kafkaRetryAfterSeconds: number;
}

const toRejectedEvent = ({ index, eventId, reason, issues }: Rejection): RejectedEvent => ({
  index,
  event_id: eventId,
  reason,
  issues: [...issues],
});

/** What an accepted request leaves to wait on Kafka with. */
interface Records {
  messages: readonly OutgoingMessage[];
  countsByType: ReadonlyMap<string, number>;
}

function countByType(accepted: readonly AcceptedEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { event } of accepted) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return counts;
}

/**
 * The handler of `POST /v1/events`, once auth passed and the body is read. All or nothing: a
 * request with any invalid event is answered 400 and none of its events is produced; 202 only
 * once Kafka acknowledged every event (docs/adr/0004-ingest-acceptance.md).
 */
export function acceptEvents(options: AcceptEventsOptions) {
  const { publisher, recordRejections, metrics, maxEvents, kafkaRetryAfterSeconds } = options;

  /** Counts and records the rejections, and returns the 400 that lists them. */
  const refusal = (rejections: Rejection[], detail: string, from: RejectionContext) => {
    for (const { reason } of rejections) metrics.rejected.inc({ reason });
    recordRejections(rejections, from);
    return badRequest('invalid_events', detail, {
      accepted: 0,
      rejected: rejections.map(toRejectedEvent),
    });
  };

  const publish = async (messages: readonly OutgoingMessage[]) => {
    try {
      await publisher.publish(messages);
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      throw serviceUnavailable(
        error.code,
        'Kafka did not acknowledge every event, so the request is not accepted. Send it again ' +
          'after Retry-After: event_id makes a repeated event harmless.',
        error.code === 'ingest_overloaded' ? 1 : kafkaRetryAfterSeconds,
      );
    }
  };

  /**
   * The request's Kafka records, or the 4xx that refuses it. Synchronous on purpose: the body
   * text, its parsed values and their validated forms are garbage once it returns, so a request
   * waiting on Kafka holds only its records (and the garbage collector promotes less of it).
   */
  const recordsOf = (req: Request, res: Response): Records => {
    const from = { apiKeyId: apiKeyIdOf(res) ?? 'unknown', receivedAt: new Date() };
    const text = typeof req.body === 'string' ? req.body : '';
    req.body = undefined;
    const body = readEvents(text, req.is('application/x-ndjson') ? 'ndjson' : 'json');
    if (!body.ok)
      throw refusal(
        [
          {
            index: null,
            reason: 'malformed_body',
            issues: [{ path: '', message: body.message }],
            raw: body.excerpt,
          },
        ],
        `The body is ${body.message}`,
        from,
      );
    const count = body.items.length;
    if (count === 0) throw badRequest('no_events', 'The body holds no events.');
    if (count > maxEvents)
      throw new HttpProblem(
        413,
        'too_many_events',
        `A request may hold at most ${maxEvents} events; this one holds ${count}.`,
        { max_events: maxEvents },
      );

    const { accepted, rejected } = validateEvents(body.items);
    if (rejected.length > 0)
      throw refusal(
        rejected,
        `${rejected.length} of ${count} events are invalid; none of the request was accepted.`,
        from,
      );
    return {
      messages: toKafkaMessages(accepted, from.receivedAt.getTime()),
      countsByType: countByType(accepted),
    };
  };

  return async (req: Request, res: Response) => {
    const { messages, countsByType } = recordsOf(req, res);
    await publish(messages);
    for (const [type, n] of countsByType) metrics.accepted.inc({ type }, n);
    const answer: AcceptedBody = { accepted: messages.length };
    res.status(202).json(answer);
  };
}
