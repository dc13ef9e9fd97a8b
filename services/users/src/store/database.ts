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

/** A {@link Queryable} that can also run work in a transaction (what `PgConnection` offers). */
export interface Database extends Queryable {
  transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T>;
}

/**
 * Whether a statement failed on a unique constraint (SQLSTATE 23505).
 * @example
 * if (isUniqueViolation(error)) throw new UsersError(USERS_ERROR.emailTaken, '...');
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
