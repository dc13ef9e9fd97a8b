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
 * if (isUniqueViolation(error)) throw new VehiclesError(VEHICLES_ERROR.plateTaken, '...');
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

/**
 * The name of the constraint a statement violated, if PostgreSQL named one.
 * @example
 * if (constraintOf(error) === 'vehicles_plate') ...
 */
export function constraintOf(error: unknown): string | undefined {
  return typeof error === 'object' &&
    error !== null &&
    'constraint' in error &&
    typeof error.constraint === 'string'
    ? error.constraint
    : undefined;
}

/** Whether a value is a UUID (ids from events are checked before they reach a `uuid` column). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
