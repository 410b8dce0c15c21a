/**
 * API-key authentication shared by the HTTP apps: keys configured hashed (env or mounted secret),
 * scopes checked per route, a token-bucket rate limit per key, problem+json 401/403/429.
 */
export { SCOPES } from './scopes.js';
export type { Scope } from './scopes.js';
export { hashToken } from './api-key.js';
export type { ApiKey } from './api-key.js';
export { apiKeysSection } from './api-keys-section.js';
export type { ApiKeysConfig } from './api-keys-section.js';
export { DEVELOPMENT_TOKEN } from './development-key.js';
export { createApiKeyAuth, apiKeyIdOf } from './api-key-auth.js';
export type { ApiKeyAuth, ApiKeyAuthOptions } from './api-key-auth.js';
export { mintApiKey } from './mint-api-key.js';
export type { MintedApiKey } from './mint-api-key.js';
