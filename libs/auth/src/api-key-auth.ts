import type { RequestHandler, Response } from 'express';
import { HttpProblem } from '@lambda/http';
import type { Logger } from '@lambda/telemetry';
import type { ApiKeysConfig } from './api-keys-section.js';
import { DEVELOPMENT_TOKEN } from './development-key.js';
import { createKeyFinder } from './find-key.js';
import { createRateLimiter } from './rate-limiter.js';
import type { Scope } from './scopes.js';

export interface ApiKeyAuthOptions {
  config: ApiKeysConfig;
  logger: Logger;
  /** Monotonic clock in ms, for the rate limiter. Default `performance.now`. */
  nowMs?: () => number;
}

export interface ApiKeyAuth {
  /**
   * Middleware admitting a request whose `Authorization: Bearer <token>` names a key with
   * `scope` and within its rate: otherwise 401, 403 or 429 as problem+json.
   */
  requireScope(scope: Scope): RequestHandler;
}

const REALM = 'Bearer realm="lambda"';
const BEARER = /^Bearer +([\x21-\x7e]{1,512}) *$/i;
const KEY_ID = 'apiKeyId';

/** The id of the key that authenticated this request, once `requireScope` admitted it. */
export const apiKeyIdOf = (res: Response): string | undefined =>
  typeof res.locals[KEY_ID] === 'string' ? res.locals[KEY_ID] : undefined;

export function createApiKeyAuth({ config, logger, nowMs }: ApiKeyAuthOptions): ApiKeyAuth {
  if (config.usesDevelopmentKey)
    logger.warn(
      { token: DEVELOPMENT_TOKEN },
      'no API keys configured: accepting the public development key (LAMBDA_ENV=development only)',
    );
  const findKey = createKeyFinder(config.keys);
  const takeToken = createRateLimiter(nowMs);
  return {
    requireScope: (scope) => (req, res, next) => {
      const header = req.headers.authorization;
      const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
      const key = token === undefined ? undefined : findKey(token);
      if (!key)
        throw new HttpProblem(
          401,
          'unauthorized',
          header === undefined
            ? 'Send an API key as "Authorization: Bearer <token>".'
            : 'The API key is not valid.',
          {},
          { 'WWW-Authenticate': header === undefined ? REALM : `${REALM}, error="invalid_token"` },
        );
      if (!key.scopes.includes(scope))
        throw new HttpProblem(
          403,
          'insufficient_scope',
          `The API key ${key.id} lacks the scope ${scope}.`,
          { scope },
          { 'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="${scope}"` },
        );
      const verdict = takeToken(key.id, key.ratePerSecond);
      if (!verdict.allowed)
        throw new HttpProblem(
          429,
          'rate_limited',
          `The API key ${key.id} is limited to ${key.ratePerSecond} requests per second.`,
          {},
          { 'Retry-After': String(verdict.retryAfterSeconds) },
        );
      res.locals[KEY_ID] = key.id;
      next();
    },
  };
}
