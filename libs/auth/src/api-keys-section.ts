import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { envOptional } from '@lambda/config';
import { apiKeyList, type ApiKey } from './api-key.js';
import { developmentApiKey } from './development-key.js';

export interface ApiKeysConfig {
  readonly keys: readonly ApiKey[];
  /** True when no key is configured in development and the public development key stands in. */
  readonly usesDevelopmentKey: boolean;
}

type KeysVariable = 'API_KEYS' | 'API_KEYS_FILE';

const fail = (ctx: z.RefinementCtx, variable: KeysVariable, message: string) => {
  ctx.addIssue({ code: 'custom', path: [variable], message });
  return z.NEVER;
};

type Outcome<T> = T | { problem: string };

function readKeysText(
  file: string | undefined,
  inline: string | undefined,
): Outcome<{ text: string }> {
  if (file === undefined) return { text: inline ?? '' };
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { problem: `cannot read the file: ${(error as Error).message}` };
  }
}

function parseKeys(text: string): Outcome<{ keys: ApiKey[] }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `expected a JSON array of keys: ${(error as Error).message}` };
  }
  const result = apiKeyList.safeParse(json);
  if (result.success) return { keys: result.data };
  const first = result.error.issues[0];
  const where = first?.path.length ? `key ${first.path.join('.')}: ` : '';
  return { problem: `${where}${first?.message ?? 'invalid keys'}` };
}

/**
 * API keys from `API_KEYS` (JSON) or `API_KEYS_FILE` (a mounted secret holding the same JSON):
 * `[{ "id": "team-a", "sha256": "<hex>", "scopes": ["events:write"], "ratePerSecond": 500 }]`.
 * Production requires at least one key; development without any falls back to the public
 * development key.
 */
export const apiKeysSection = z
  .object({
    LAMBDA_ENV: z.string().optional(),
    API_KEYS: envOptional(),
    API_KEYS_FILE: envOptional(),
  })
  .transform((env, ctx): ApiKeysConfig => {
    const production = env.LAMBDA_ENV === 'production';
    if (env.API_KEYS !== undefined && env.API_KEYS_FILE !== undefined)
      return fail(ctx, 'API_KEYS_FILE', 'set API_KEYS or API_KEYS_FILE, not both');
    if (env.API_KEYS === undefined && env.API_KEYS_FILE === undefined)
      return production
        ? fail(ctx, 'API_KEYS', 'API_KEYS or API_KEYS_FILE is required when LAMBDA_ENV=production')
        : { keys: [developmentApiKey], usesDevelopmentKey: true };

    const variable: KeysVariable = env.API_KEYS_FILE === undefined ? 'API_KEYS' : 'API_KEYS_FILE';
    const source = readKeysText(env.API_KEYS_FILE, env.API_KEYS);
    const parsed = 'problem' in source ? source : parseKeys(source.text);
    if ('problem' in parsed) return fail(ctx, variable, parsed.problem);
    if (production && parsed.keys.length === 0)
      return fail(ctx, variable, 'at least one key is required when LAMBDA_ENV=production');
    if (production && parsed.keys.some((key) => key.sha256 === developmentApiKey.sha256))
      return fail(
        ctx,
        variable,
        'the public development key is refused when LAMBDA_ENV=production',
      );
    return { keys: parsed.keys, usesDevelopmentKey: false };
  });
