import type { ItemActor } from './actor.js';
import { ITEMS_ERROR, ItemsError } from './errors.js';

/** The scopes of client-system routes (the clients service's fixed list names them). */
export const ITEM_SCOPES = { read: 'items:read', write: 'items:write' } as const;
/** One of {@link ITEM_SCOPES}. */
export type ApiScope = (typeof ITEM_SCOPES)[keyof typeof ITEM_SCOPES];

/** A client system calling with an API key, as the clients service's authorizer describes it. */
export interface ClientCaller {
  readonly clientId: string;
  readonly orgId: string;
  /** The key's scopes, e.g. `['items:read', 'items:write']`. */
  readonly scopes: readonly string[];
}

/** The roles of internal users, as the users service defines them. */
export type Role = 'admin' | 'dispatcher' | 'driver';

/** An internal user calling with a token, as the users service's authorizer describes them. */
export interface UserCaller {
  readonly userId: string;
  readonly orgId: string;
  readonly role: Role;
}

/**
 * Refuses a client whose key lacks `scope` (403 `INSUFFICIENT_SCOPE`), and names the client as
 * the actor of what follows.
 * @example
 * const actor = requireScope(caller, ITEM_SCOPES.write);
 */
export function requireScope(caller: ClientCaller, scope: ApiScope): ItemActor & { kind: 'client' } {
  if (!caller.scopes.includes(scope))
    throw new ItemsError(
      ITEMS_ERROR.insufficientScope,
      `This route needs an API key with the scope ${scope}`,
    );
  return { kind: 'client', clientId: caller.clientId, orgId: caller.orgId };
}

/**
 * Refuses a user whose role is not among `roles` (403 `FORBIDDEN`).
 * @example
 * requireRole(caller, 'admin', 'dispatcher');
 */
export function requireRole(caller: UserCaller, ...roles: readonly Role[]): void {
  if (!roles.includes(caller.role))
    throw new ItemsError(
      ITEMS_ERROR.forbidden,
      `This needs the role ${roles.join(' or ')}; you are ${caller.role}`,
    );
}

/**
 * Refuses anyone but a driver, and names the driver as the actor of what follows.
 * @example
 * const actor = requireDriver(caller); // { kind: 'driver', userId, orgId }
 */
export function requireDriver(caller: UserCaller): ItemActor & { kind: 'driver' } {
  requireRole(caller, 'driver');
  return { kind: 'driver', userId: caller.userId, orgId: caller.orgId };
}
