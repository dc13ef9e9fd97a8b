import type pg from 'pg';
import { ConfigurationError } from '../errors/lambda-library-error.js';

/**
 * Anything that runs one parameterised statement: a `PgConnection`, a `pg.Client`, or the client
 * of a transaction (`PgConnection.transaction`'s argument).
 */
export interface OutboxQueryable {
  query<TRow extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<TRow>>;
}

/** A row to store: the envelope's id, its type, the organisation (or null) and the envelope. */
export interface OutboxRow {
  readonly id: string;
  readonly orgId: string | null;
  readonly type: string;
  readonly envelope: unknown;
}

/** A row the relay took: what it needs to post it again. */
export interface ClaimedOutboxRow {
  readonly id: string;
  readonly type: string;
  readonly envelope: unknown;
}

// A lower-case PostgreSQL identifier: it is quoted anyway, but a schema name never comes from input.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The SQL of one service's `<schema>.outbox` table (see docs/lambda-library.md for its DDL, which
 * the service's own migration creates). The schema name is checked once, here, because it is
 * written into the statements.
 * @example
 * const store = new PgOutboxStore('items');
 * await store.insert(tx, [{ id, orgId, type: 'itemCreated', envelope }]);
 */
export class PgOutboxStore {
  readonly #table: string;

  constructor(schema: string) {
    if (!IDENTIFIER.test(schema))
      throw new ConfigurationError(
        `Outbox schema "${schema}" is not a plain lower-case PostgreSQL identifier (a-z, 0-9, _; at most 63)`,
      );
    this.#table = `"${schema}".outbox`;
  }

  /** The qualified table name, for messages. */
  get table(): string {
    return this.#table;
  }

  /**
   * Stores rows in one statement, in order (the identity `seq` follows the VALUES list). The
   * parameters are untyped so `org_id` may be `uuid` or `text`, as the service's ids are.
   */
  async insert(db: OutboxQueryable, rows: readonly OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples = rows.map((row, index) => {
      values.push(row.id, row.orgId, row.type, JSON.stringify(row.envelope));
      const at = index * 4;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4})`;
    });
    await db.query(
      `INSERT INTO ${this.#table} (id, org_id, type, envelope) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /** Marks rows posted (the bus accepted them); rows already marked keep their first time. */
  async markPosted(db: OutboxQueryable, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await db.query(
      `UPDATE ${this.#table} SET posted_at = now() WHERE id = ANY ($1::uuid[]) AND posted_at IS NULL`,
      [[...ids]],
    );
  }

  /**
   * Takes up to `limit` unposted rows untouched for `graceSeconds` (neither stored nor tried more
   * recently), oldest first, and stamps the attempt. The stamp is a lease: it commits with the
   * statement, so a concurrent relay skips these rows (SKIP LOCKED while this one runs, the fresh
   * `attempted_at` after) until the grace has passed again.
   */
  async claim(db: OutboxQueryable, graceSeconds: number, limit: number): Promise<ClaimedOutboxRow[]> {
    const { rows } = await db.query<ClaimedOutboxRow & { seq: string }>(
      `UPDATE ${this.#table} SET attempts = attempts + 1, attempted_at = now()
        WHERE id IN (SELECT id FROM ${this.#table}
                      WHERE posted_at IS NULL
                        AND coalesce(attempted_at, created_at) < now() - make_interval(secs => $1)
                      ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, type, envelope, seq::text AS seq`,
      [graceSeconds, limit],
    );
    // RETURNING does not keep the subquery's order.
    return rows
      .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
      .map((row) => ({ id: row.id, type: row.type, envelope: row.envelope }));
  }

  /** Deletes rows posted more than `days` ago; answers how many. */
  async prunePosted(db: OutboxQueryable, days: number): Promise<number> {
    const { rowCount } = await db.query(
      `DELETE FROM ${this.#table} WHERE posted_at < now() - make_interval(days => $1)`,
      [days],
    );
    return rowCount ?? 0;
  }
}
