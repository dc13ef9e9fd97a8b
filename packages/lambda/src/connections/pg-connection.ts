import type pg from 'pg';
import type { InvocationScoped } from './invocation-scoped.js';

/**
 * A PostgreSQL connection that follows one strategy (see `PG_STRATEGY`); pass it in the handler's
 * `connections` so it is tidied up after every invocation.
 * @example
 * const { rows } = await db.query<{ id: string }>('SELECT id FROM items.items WHERE owner = $1', [owner]);
 */
export interface PgConnection extends InvocationScoped {
  readonly strategy: string;
  /** Runs one parameterised statement. */
  query<TRow extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<TRow>>;
  /** Runs `work` on one client inside BEGIN / COMMIT (ROLLBACK when it throws). */
  transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T>;
  /** Closes everything (tests; the end of a process). */
  end(): Promise<void>;
}

/**
 * Runs `work` inside a transaction on `client`.
 * @example
 * await inTransaction(client, async (tx) => tx.query('UPDATE ...'));
 */
export async function inTransaction<T>(
  client: pg.ClientBase,
  work: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
