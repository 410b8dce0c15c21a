import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SCOPES, type Scope } from './scopes.js';

/** One configured API key. Only the token's hash is ever stored. */
export interface ApiKey {
  /** Names the caller in logs, metrics and rate limits, e.g. `team-a`. */
  readonly id: string;
  /** Hex SHA-256 of the token. */
  readonly sha256: string;
  readonly scopes: readonly Scope[];
  /** Sustained requests per second; bursts of up to one second's worth are allowed. */
  readonly ratePerSecond: number;
}

export const DEFAULT_RATE_PER_SECOND = 100;

/**
 * Tokens are random and high-entropy, so an unsalted SHA-256 is enough: there is no dictionary
 * to attack, and a slow hash would cost every request.
 */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

export const apiKeyEntry = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected 1-64 letters, digits, ".", "_" or "-"'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the token as 64 lower-case hex digits'),
  scopes: z.array(z.enum(SCOPES)).min(1, `expected at least one of ${SCOPES.join(', ')}`),
  ratePerSecond: z.number().positive().default(DEFAULT_RATE_PER_SECOND),
});

/** The JSON shape of `API_KEYS` and of the file `API_KEYS_FILE` names. */
export const apiKeyList = z.array(apiKeyEntry).superRefine((keys, ctx) => {
  const seen = new Set<string>();
  for (const [index, key] of keys.entries()) {
    if (seen.has(key.id))
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${key.id}` });
    seen.add(key.id);
  }
});
