import type { Connection, Subscriber } from '../domain/connection.js';
import type { ConnectionStore } from '../domain/ports.js';
import type { Queryable } from './database.js';

/** `realtime.connections` in PostgreSQL. */
export class PgConnectionStore implements ConnectionStore {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async add(connection: Connection): Promise<void> {
    await this.#db.query(
      `INSERT INTO realtime.connections (connection_id, org_id, user_id, role, connected_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (connection_id) DO UPDATE
         SET org_id = EXCLUDED.org_id, user_id = EXCLUDED.user_id, role = EXCLUDED.role,
             connected_at = EXCLUDED.connected_at`,
      [connection.connectionId, connection.orgId, connection.userId, connection.role, connection.connectedAt],
    );
  }

  async remove(connectionIds: readonly string[]): Promise<number> {
    if (connectionIds.length === 0) return 0;
    const { rowCount } = await this.#db.query(
      'DELETE FROM realtime.connections WHERE connection_id = ANY($1::text[])',
      [[...connectionIds]],
    );
    return rowCount ?? 0;
  }

  async subscribersOf(orgIds: readonly string[]): Promise<Subscriber[]> {
    if (orgIds.length === 0) return [];
    const { rows } = await this.#db.query<{ connection_id: string; org_id: string }>(
      'SELECT connection_id, org_id FROM realtime.connections WHERE org_id = ANY($1::uuid[])',
      [[...orgIds]],
    );
    return rows.map((row) => ({ connectionId: row.connection_id, orgId: row.org_id }));
  }
}
