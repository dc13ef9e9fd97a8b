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
