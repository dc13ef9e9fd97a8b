import { roleSchema } from '../domain/roles.js';
import type { User } from '../domain/user.js';

/** The columns of `users.users` that make a {@link User} (never the password hash). */
export const USER_COLUMNS = 'u.id, u.org_id, u.email, u.name, u.role, u.disabled_at, u.created_at';

/** A row of {@link USER_COLUMNS}. */
export interface UserRow {
  readonly id: string;
  readonly org_id: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly disabled_at: Date | null;
  readonly created_at: Date;
}

/**
 * The domain's user of a row.
 * @example
 * return rows.map(toUser);
 */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: roleSchema.parse(row.role),
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}
