import { z } from 'zod';
import { REJECTION_REASONS } from './rejection.js';

/** Response bodies of `POST /v1/events`: typed in code and published in the OpenAPI document. */
export const acceptedBody = z.object({
  accepted: z.int().min(1).describe('Events of the request, all acknowledged by Kafka.'),
});

/** RFC 9457 problem details; codes may add members. */
export const problemBody = z.looseObject({
  type: z.string().describe('`urn:lambda:problem:<code>`'),
  title: z.string().describe('The code'),
  status: z.int(),
  detail: z.string(),
});

export const rejectedEvent = z.object({
  index: z
    .int()
    .min(0)
    .nullable()
    .describe(
      'Position of the event in the array or among non-blank NDJSON lines; null for the body as a whole.',
    ),
  event_id: z.string().optional(),
  reason: z.enum(REJECTION_REASONS),
  issues: z.array(
    z.object({
      path: z
        .string()
        .describe('Dot-separated path of the offending value; empty for the event itself.'),
      message: z.string(),
    }),
  ),
});

export const invalidEventsBody = problemBody.extend({
  type: z.literal('urn:lambda:problem:invalid_events'),
  accepted: z.literal(0).describe('Nothing of a request with an invalid event is accepted.'),
  rejected: z.array(rejectedEvent).min(1),
});

export type AcceptedBody = z.infer<typeof acceptedBody>;
export type RejectedEvent = z.infer<typeof rejectedEvent>;
