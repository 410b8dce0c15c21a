import { hashToken, type ApiKey } from './api-key.js';
import { SCOPES } from './scopes.js';

/**
 * The one key accepted when LAMBDA_ENV=development and no key is configured, so a laptop works
 * without setup. It is public knowledge: production refuses it even when configured explicitly.
 */
export const DEVELOPMENT_TOKEN = 'dev-key-insecure';

export const developmentApiKey: ApiKey = {
  id: 'development',
  sha256: hashToken(DEVELOPMENT_TOKEN),
  scopes: SCOPES,
  ratePerSecond: 10_000,
};
