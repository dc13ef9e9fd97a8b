import { type PgConnection, type PgStrategy, pgConnection } from '@motorcade/lambda';
import { databaseUrl } from './settings.js';

/**
 * The function's connection to the service's database, with the strategy the function chose.
 * @example
 * const db = database('reuse-across-invocations');
 */
export function database(strategy: PgStrategy): PgConnection {
  return pgConnection({ strategy, connectionString: databaseUrl() });
}
