import { hash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from './api-key.js';

/**
 * Returns a lookup from a presented token to its key. Every configured hash is compared in
 * constant time, with no early exit, so timing does not tell which key nearly matched.
 */
export function createKeyFinder(keys: readonly ApiKey[]) {
  const digests = keys.map((key) => ({ key, digest: Buffer.from(key.sha256, 'hex') }));
  return (token: string): ApiKey | undefined => {
    const presented = hash('sha256', token, 'buffer');
    let found: ApiKey | undefined;
    for (const { key, digest } of digests) if (timingSafeEqual(presented, digest)) found = key;
    return found;
  };
}
