import { z } from 'zod';

/**
 * The named scopes an API key may carry, `<resource>:<action>`. The service that owns a resource
 * checks the scope on each route; a key carries only what its client system needs. Add a scope
 * here when a service starts accepting client systems on a new kind of route.
 */
export const SCOPES = [
  'items:read',
  'items:write',
  'vehicles:read',
  'tracking:read',
  'positions:write',
] as const;

/** One of {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];

/** A scope in a request: an unknown one is refused (a typo must not create a key that cannot do its job). */
export const scopeSchema = z.enum(SCOPES);

/**
 * Scopes as the authorizer context carries them: one string, space-separated (OAuth's `scope`
 * format), since API Gateway passes only strings, numbers and booleans.
 * @example
 * formatScopes(['items:read', 'items:write']); // 'items:read items:write'
 */
export function formatScopes(scopes: readonly string[]): string {
  return [...new Set(scopes)].sort().join(' ');
}

/**
 * The scopes of a context string.
 * @example
 * parseScopes('items:read items:write'); // ['items:read', 'items:write']
 */
export function parseScopes(value: string): string[] {
  return value.split(' ').filter((scope) => scope !== '');
}
