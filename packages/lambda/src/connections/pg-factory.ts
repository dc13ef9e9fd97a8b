import type pg from 'pg';
import type { PgConnection } from './pg-connection.js';
import { PgPerInvocation } from './pg-per-invocation.js';
import { PgReusedPool, type PgReusedPoolConfig } from './pg-reused-pool.js';
import { PG_STRATEGY, type PgStrategy } from './pg-strategy.js';

/**
 * Options of {@link pgConnection}: the strategy (required), node-postgres settings and, for
 * reuse-across-invocations, `aliveCheckAfterIdleMs` (see {@link PgReusedPoolConfig}).
 */
export type PgConnectionOptions = { readonly strategy: PgStrategy } & PgReusedPoolConfig;

/**
 * A PostgreSQL connection with an explicitly chosen strategy (see `PG_STRATEGY` for the trade-off).
 * Create it at module level and pass it in the handler's `connections`. The connect timeout
 * defaults to 1 s, so an unreachable server fails the invocation fast instead of timing it out.
 * @example
 * const db = pgConnection({ strategy: 'reuse-across-invocations', connectionString: process.env.DATABASE_URL });
 * export const handler = http({ action: 'listItems', connections: [db], handler: async () => (await db.query('SELECT 1')).rows });
 */
export function pgConnection(options: PgConnectionOptions): PgConnection {
  const { strategy, aliveCheckAfterIdleMs, ...config } = options;
  const withTimeout: pg.PoolConfig = { connectionTimeoutMillis: 1_000, ...config };
  switch (strategy) {
    case PG_STRATEGY.closeAfterInvocation:
      return new PgPerInvocation(withTimeout);
    case PG_STRATEGY.reuseAcrossInvocations:
      return new PgReusedPool({
        ...withTimeout,
        ...(aliveCheckAfterIdleMs === undefined ? {} : { aliveCheckAfterIdleMs }),
      });
    default:
      throw new RangeError(
        `Unknown PostgreSQL strategy "${String(strategy)}": use ${Object.values(PG_STRATEGY).join(' or ')}`,
      );
  }
}
