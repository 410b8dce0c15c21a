import express, { type RequestHandler, type Router } from 'express';
import type { ApiKeyAuth } from '@lambda/auth';
import { HttpProblem } from '@lambda/http';
import { acceptEvents, type AcceptEventsOptions } from './accept-events.js';

const EVENT_MEDIA_TYPES = ['application/json', 'application/x-ndjson'];

const requireEventMediaType: RequestHandler = (req, _res, next) => {
  if (!req.is(EVENT_MEDIA_TYPES))
    throw new HttpProblem(
      415,
      'unsupported_media_type',
      `Send events as ${EVENT_MEDIA_TYPES.join(' or ')} (got ${req.headers['content-type'] ?? 'no Content-Type'}).`,
    );
  next();
};

export interface EventsRouteOptions extends AcceptEventsOptions {
  auth: ApiKeyAuth;
  maxBodyBytes: number;
}

/** `POST /v1/events`: in-flight gauge, API key with `events:write`, media type, bounded body. */
export function eventsRoute({ auth, maxBodyBytes, ...accept }: EventsRouteOptions): Router {
  const countInFlight: RequestHandler = (_req, res, next) => {
    accept.metrics.requestsInFlight.inc();
    res.once('close', () => accept.metrics.requestsInFlight.dec());
    next();
  };
  const router = express.Router();
  router.post(
    '/v1/events',
    countInFlight,
    auth.requireScope('events:write'),
    requireEventMediaType,
    express.text({ type: EVENT_MEDIA_TYPES, limit: maxBodyBytes }),
    acceptEvents(accept),
  );
  return router;
}
