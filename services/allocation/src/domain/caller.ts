import { ALLOCATION_ERROR, AllocationError } from './errors.js';

/** The roles of internal users, as the users service defines them. */
export type Role = 'admin' | 'dispatcher' | 'driver';

/** An internal user, as the users service's authorizer describes them in its context. */
export interface UserCaller {
  readonly userId: string;
  readonly orgId: string;
  readonly role: Role;
}

/**
 * Refuses a caller whose role is not among `roles` (403 at the API, within their own organisation).
 * @example
 * requireRole(caller, 'admin', 'dispatcher');
 */
export function requireRole(caller: UserCaller, ...roles: readonly Role[]): void {
  if (!roles.includes(caller.role))
    throw new AllocationError(
      ALLOCATION_ERROR.forbidden,
      `This needs the role ${roles.join(' or ')}; you are ${caller.role}`,
    );
}
