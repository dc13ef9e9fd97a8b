import { USERS_ERROR, UsersError } from '../domain/errors.js';
import type { UserCredentials, UserStore } from '../domain/ports.js';
import type { Role } from '../domain/roles.js';
import type { User } from '../domain/user.js';
import { isUniqueViolation, type Queryable } from './database.js';
import { toUser, USER_COLUMNS, type UserRow } from './user-rows.js';

/**
 * `users.users` in PostgreSQL. Every statement but the login lookup names the organisation, so no
 * query can reach another tenant's users.
 */
export class PgUserStore implements UserStore {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async findForLogin(organisationSlug: string, email: string): Promise<UserCredentials | undefined> {
    const { rows } = await this.#db.query<UserRow & { password_hash: string }>(
      `SELECT ${USER_COLUMNS}, u.password_hash
         FROM users.users u JOIN users.organisations o ON o.id = u.org_id
        WHERE o.slug = $1 AND u.email = $2`,
      [organisationSlug, email],
    );
    const row = rows[0];
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async find(orgId: string, userId: string): Promise<User | undefined> {
    const { rows } = await this.#db.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users.users u WHERE u.org_id = $1 AND u.id = $2`,
      [orgId, userId],
    );
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async list(orgId: string, page: { readonly limit: number; readonly after?: string }): Promise<User[]> {
    const { rows } = await this.#db.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users.users u
        WHERE u.org_id = $1 AND ($2::text IS NULL OR u.email > $2)
        ORDER BY u.email LIMIT $3`,
      [orgId, page.after ?? null, page.limit],
    );
    return rows.map(toUser);
  }

  async create(
    orgId: string,
    user: { email: string; name: string; role: Role; passwordHash: string },
  ): Promise<User> {
    try {
      const { rows } = await this.#db.query<UserRow>(
        `INSERT INTO users.users AS u (org_id, email, name, role, password_hash)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${USER_COLUMNS}`,
        [orgId, user.email, user.name, user.role, user.passwordHash],
      );
      return toUser(rows[0] as UserRow);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new UsersError(USERS_ERROR.emailTaken, `A user with the email ${user.email} already exists`, {
          cause: error,
        });
      throw error;
    }
  }

  async setDisabled(orgId: string, userId: string, disabled: boolean, now: Date): Promise<User | undefined> {
    const { rows } = await this.#db.query<UserRow>(
      `UPDATE users.users AS u
          SET disabled_at = CASE WHEN $3 THEN coalesce(u.disabled_at, $4) ELSE NULL END, updated_at = $4
        WHERE u.org_id = $1 AND u.id = $2
        RETURNING ${USER_COLUMNS}`,
      [orgId, userId, disabled, now],
    );
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async setPasswordHash(orgId: string, userId: string, passwordHash: string): Promise<void> {
    await this.#db.query(
      'UPDATE users.users SET password_hash = $3, updated_at = now() WHERE org_id = $1 AND id = $2',
      [orgId, userId, passwordHash],
    );
  }
}
