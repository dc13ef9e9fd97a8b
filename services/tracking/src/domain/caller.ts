import { TRACKING_ERROR, TrackingError } from './errors.js';

/** The roles of internal users, as the users service defines them. */
export type Role = 'admin' | 'dispatcher' | 'driver';

/** An internal user, from the users service's authorizer context. */
export interface UserCaller {
  readonly userId: string;
  readonly orgId: string;
  readonly role: Role;
}

/** A client system, from the clients service's API key authorizer context. */
export interface ClientCaller {
  readonly clientId: string;
  readonly orgId: string;
  /** Space-separated, as the authorizer context carries them. */
  readonly scopes: string;
}

/** The scope a client system needs to send a batch of positions. */
export const POSITIONS_WRITE_SCOPE = 'positions:write';

/**
 * Refuses a caller whose role is not among `roles` (403 within their own organisation).
 * @throws TrackingError `FORBIDDEN`
 * @example
 * requireRole(caller, 'admin', 'dispatcher');
 */
export function requireRole(caller: UserCaller, ...roles: readonly Role[]): void {
  if (!roles.includes(caller.role))
    throw new TrackingError(
      TRACKING_ERROR.forbidden,
      `This needs the role ${roles.join(' or ')}; you are ${caller.role}`,
    );
}

/**
 * Refuses an API key without `scope`.
 * @throws TrackingError `INSUFFICIENT_SCOPE`
 * @example
 * requireScope(client, POSITIONS_WRITE_SCOPE);
 */
export function requireScope(caller: ClientCaller, scope: string): void {
  if (!caller.scopes.split(' ').includes(scope))
    throw new TrackingError(TRACKING_ERROR.insufficientScope, `This API key lacks the scope ${scope}`);
}
