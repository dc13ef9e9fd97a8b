import type pg from 'pg';

/**
 * Anything that runs one parameterised statement: a `PgConnection` of `@motorcade/lambda`, a
 * `pg.Client`, or the client of a transaction.
 */
export interface Queryable {
  query<TRow extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<TRow>>;
}

/** What runs statements and transactions: a `PgConnection` of `@motorcade/lambda`. */
export interface Database extends Queryable {
  transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `text` can be compared with a uuid column; anything else names no row (and would
 * otherwise fail the statement).
 * @example
 * if (!isUuid(itemId)) return undefined;
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
