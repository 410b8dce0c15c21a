import { randomBytes } from 'node:crypto';
import { apiKeyEntry, hashToken, type ApiKey } from './api-key.js';
import type { Scope } from './scopes.js';

export interface MintedApiKey {
  /** Give this to the caller once; it is not stored anywhere. */
  token: string;
  /** The entry to add to `API_KEYS` / `API_KEYS_FILE`. */
  entry: ApiKey;
}

/** A new random token (256 bits) and its config entry, validated like configured keys are. */
export function mintApiKey(options: {
  id: string;
  scopes: readonly Scope[];
  ratePerSecond?: number;
}): MintedApiKey {
  const token = `lk_${randomBytes(32).toString('base64url')}`;
  const entry = apiKeyEntry.parse({
    id: options.id,
    sha256: hashToken(token),
    scopes: options.scopes,
    ratePerSecond: options.ratePerSecond,
  });
  return { token, entry };
}
