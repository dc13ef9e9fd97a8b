import type pg from 'pg';

/**
 * What the stores need of a connection: parameterised queries (a pool, a client, `pgConnection`).
 * `statementName` asks for a named prepared statement, parsed and planned once per connection; a
 * connection that does not support it (the library's `pgConnection`) ignores it.
 */
export interface Sql {
  query<TRow extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
    statementName?: string,
  ): Promise<pg.QueryResult<TRow>>;
}

/** The service's schema; every statement names it, so no search_path is assumed. */
export const SCHEMA = 'event_bus';

/**
 * The hot path's connection: queries go straight to the pool, with named prepared statements where
 * the store asks for them. Planning SendEvent's append statement costs about a third of a
 * millisecond per event when it is sent unnamed; and the per-invocation liveness check of the
 * library's pool (`SELECT 1`) is one more round trip before every fan-out. A dead connection here
 * fails the invocation instead, which Lambda retries and SendEvent's idempotence makes harmless.
 * @example
 * const db = new PgReusedPool({ connectionString, max: 1 });
 * const log = new EventLogStore(new PreparedSql(db.pool));
 */
export class PreparedSql implements Sql {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  query<TRow extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: readonly unknown[] = [],
    statementName?: string,
  ): Promise<pg.QueryResult<TRow>> {
    return this.#pool.query<TRow>({
      text,
      values: [...values],
      ...(statementName === undefined ? {} : { name: statementName }),
    });
  }
}
