import { USERS_ERROR, UsersError } from './errors.js';
import type { Role } from './roles.js';

/**
 * Who is calling, as the users authorizer established it: every query runs inside `orgId`.
 */
export interface Caller {
  readonly userId: string;
  readonly orgId: string;
  readonly role: Role;
}

/**
 * Refuses a caller whose role is not among `roles` (403: the caller's own organisation, so
 * nothing about another tenant is revealed).
 * @example
 * requireRole(caller, 'admin');
 */
export function requireRole(caller: Caller, ...roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) {
    throw new UsersError(
      USERS_ERROR.forbidden,
      `This needs the role ${roles.join(' or ')}; you are ${caller.role}`,
    );
  }
}
