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

/** Something that runs work inside one transaction (a `PgConnection`). */
export interface Transactional extends Queryable {
  transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T>;
}

/** A point's columns as numbers (node-postgres returns float8 as numbers already). */
export interface PointColumns {
  readonly latitude: number;
  readonly longitude: number;
}
