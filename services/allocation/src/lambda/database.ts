import { type PgConnection, type PgStrategy, pgConnection } from '@motorcade/lambda';
import { databaseUrl } from './settings.js';

/**
 * The function's connection to the service's database, with the strategy the function chose
 * (see `PG_STRATEGY` in @motorcade/lambda). Create it at module level and pass it in `connections`.
 * @example
 * const db = database('close-after-invocation');
 */
export function database(strategy: PgStrategy): PgConnection {
  return pgConnection({ strategy, connectionString: databaseUrl() });
}
