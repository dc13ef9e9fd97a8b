import type { RefreshTokenStore, StoredRefreshToken } from '../domain/ports.js';
import type { Queryable } from './database.js';

interface TokenRow {
  readonly user_id: string;
  readonly org_id: string;
  readonly family_id: string;
}

const toToken = (row: TokenRow): StoredRefreshToken => ({
  userId: row.user_id,
  orgId: row.org_id,
  familyId: row.family_id,
});

/** `users.refresh_tokens` in PostgreSQL: tokens are found by their SHA-256 only. */
export class PgRefreshTokenStore implements RefreshTokenStore {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async create(token: StoredRefreshToken & { hash: string; expiresAt: Date }): Promise<void> {
    await this.#db.query(
      `INSERT INTO users.refresh_tokens (token_hash, family_id, user_id, org_id, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [token.hash, token.familyId, token.userId, token.orgId, token.expiresAt],
    );
  }

  async claim(hash: string, now: Date): Promise<StoredRefreshToken | undefined> {
    // One statement, so two concurrent uses of one token cannot both succeed.
    const { rows } = await this.#db.query<TokenRow>(
      `UPDATE users.refresh_tokens SET rotated_at = $2
        WHERE token_hash = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > $2
        RETURNING user_id, org_id, family_id`,
      [hash, now],
    );
    return rows[0] ? toToken(rows[0]) : undefined;
  }

  async find(hash: string): Promise<StoredRefreshToken | undefined> {
    const { rows } = await this.#db.query<TokenRow>(
      'SELECT user_id, org_id, family_id FROM users.refresh_tokens WHERE token_hash = $1',
      [hash],
    );
    return rows[0] ? toToken(rows[0]) : undefined;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.#db.query(
      'UPDATE users.refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId, now],
    );
  }

  async revokeAllOf(orgId: string, userId: string, now: Date): Promise<void> {
    await this.#db.query(
      `UPDATE users.refresh_tokens SET revoked_at = $3
        WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [orgId, userId, now],
    );
  }

  async deleteExpired(now: Date): Promise<number> {
    const { rowCount } = await this.#db.query('DELETE FROM users.refresh_tokens WHERE expires_at < $1', [
      now,
    ]);
    return rowCount ?? 0;
  }
}
