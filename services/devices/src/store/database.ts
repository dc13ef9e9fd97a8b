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

/**
 * Whether a statement failed on a unique constraint (SQLSTATE 23505).
 * @example
 * if (isUniqueViolation(error)) throw new DevicesError(DEVICES_ERROR.uniqueIdTaken, '...');
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
