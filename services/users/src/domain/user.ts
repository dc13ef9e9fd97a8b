import type { Role } from './roles.js';

/** An internal user, as the service keeps it (never with its password hash). */
export interface User {
  readonly id: string;
  readonly orgId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: Date;
}

/** A user as the API returns it. */
export interface UserView {
  readonly id: string;
  readonly orgId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

/**
 * The API's view of a user.
 * @example
 * return userView(user);
 */
export function userView(user: User): UserView {
  return {
    id: user.id,
    orgId: user.orgId,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}
