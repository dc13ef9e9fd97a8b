import type { OutboxEvent } from '../domain/ports.js';
import type { Queryable } from './database.js';

/**
 * The outbox's relay side: events waiting to be posted, and marking them posted. Events are
 * written by {@link PgItemStore} in the transactions that make them happen.
 */
export class PgOutboxStore {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  /**
   * Unposted events older than `graceSeconds` (younger ones are still being posted by the function
   * that stored them), oldest first, counting an attempt for each.
   */
  async takeUnposted(graceSeconds: number, limit: number): Promise<OutboxEvent[]> {
    const { rows } = await this.#db.query<{ id: string; type: string; envelope: unknown; created_at: Date }>(
      `UPDATE items.outbox SET attempts = attempts + 1
        WHERE id IN (SELECT id FROM items.outbox
                      WHERE posted_at IS NULL AND created_at < now() - make_interval(secs => $1)
                      ORDER BY created_at LIMIT $2)
        RETURNING id, type, envelope, created_at`,
      [graceSeconds, limit],
    );
    return rows
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
      .map((row) => ({ id: row.id, type: row.type, envelope: row.envelope }));
  }

  /** Marks events posted (the bus answered 202). */
  async markPosted(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#db.query(
      'UPDATE items.outbox SET posted_at = now() WHERE id = ANY ($1::uuid[]) AND posted_at IS NULL',
      [ids],
    );
  }

  /** Forgets posted events older than `days`; the bus keeps its own log. Answers how many. */
  async prunePosted(days: number): Promise<number> {
    const { rowCount } = await this.#db.query(
      'DELETE FROM items.outbox WHERE posted_at < now() - make_interval(days => $1)',
      [days],
    );
    return rowCount ?? 0;
  }
}
