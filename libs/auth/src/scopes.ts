/** What a key may do. A key's scopes are checked per route with `requireScope`. */
export const SCOPES = ['events:write', 'views:read'] as const;

export type Scope = (typeof SCOPES)[number];
