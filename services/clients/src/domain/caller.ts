import { CLIENTS_ERROR, ClientsError } from './errors.js';

/** An internal user, as the users service's authorizer describes them in its context. */
export interface UserCaller {
  readonly userId: string;
  readonly orgId: string;
  readonly role: 'admin' | 'dispatcher' | 'driver';
}

/** A client system, as this service's own authorizer describes it. */
export interface ClientCaller {
  readonly clientId: string;
  readonly orgId: string;
  readonly scopes: readonly string[];
}

/**
 * Only admins manage client systems and their keys.
 * @example
 * requireAdmin(caller);
 */
export function requireAdmin(caller: UserCaller): void {
  if (caller.role !== 'admin')
    throw new ClientsError(
      CLIENTS_ERROR.forbidden,
      `Managing client systems needs the admin role; you are ${caller.role}`,
    );
}
