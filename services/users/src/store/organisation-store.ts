import type { Organisation } from '../domain/organisation.js';
import type { OrganisationStore } from '../domain/ports.js';
import type { Role } from '../domain/roles.js';
import type { User } from '../domain/user.js';
import type { Database, Queryable } from './database.js';
import { toUser, USER_COLUMNS, type UserRow } from './user-rows.js';

/** `users.organisations` in PostgreSQL. */
export class PgOrganisationStore implements OrganisationStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async findBySlug(slug: string): Promise<Organisation | undefined> {
    const { rows } = await this.#db.query<Organisation>(
      'SELECT id, slug, name FROM users.organisations WHERE slug = $1',
      [slug],
    );
    return rows[0];
  }

  async createWithUsers(
    organisation: { slug: string; name: string },
    users: readonly { email: string; name: string; role: Role; passwordHash: string }[],
  ): Promise<{ created: boolean; organisation: Organisation }> {
    const outcome = await this.#db.transaction(async (client: Queryable) => {
      const { rows } = await client.query<Organisation>(
        `INSERT INTO users.organisations (slug, name) VALUES ($1, $2)
         ON CONFLICT (slug) DO NOTHING RETURNING id, slug, name`,
        [organisation.slug, organisation.name],
      );
      const created = rows[0];
      if (!created) return undefined;
      for (const user of users) {
        await client.query(
          'INSERT INTO users.users (org_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)',
          [created.id, user.email, user.name, user.role, user.passwordHash],
        );
      }
      return created;
    });
    if (outcome) return { created: true, organisation: outcome };
    const existing = await this.findBySlug(organisation.slug);
    if (!existing) throw new Error(`Organisation ${organisation.slug} vanished while being seeded`);
    return { created: false, organisation: existing };
  }

  async usersByEmail(orgId: string, emails: readonly string[]): Promise<User[]> {
    const { rows } = await this.#db.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users.users u WHERE u.org_id = $1 AND u.email = ANY($2) ORDER BY u.email`,
      [orgId, [...emails]],
    );
    return rows.map(toUser);
  }
}
