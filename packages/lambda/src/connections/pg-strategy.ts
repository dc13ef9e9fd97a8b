/**
 * How a function holds its PostgreSQL connection. There is no default: each function chooses.
 *
 * - `close-after-invocation`: one client per invocation, opened on first use and closed before the
 *   response returns. Nothing stays open while the environment is frozen, so a callback handler
 *   never waits on an open socket and idle environments hold no server connections (the seed's RDS
 *   lesson). Costs a connection per invocation.
 * - `reuse-across-invocations`: a module-level pool kept warm; the first use in each invocation
 *   checks the connection is alive (`SELECT 1`) and reconnects when it is not. Saves the connect on
 *   every warm invocation; each warm environment holds connections, so size the server for the
 *   function's concurrency.
 * @example
 * const db = pgConnection({ strategy: PG_STRATEGY.reuseAcrossInvocations, connectionString: process.env.DATABASE_URL });
 */
export const PG_STRATEGY = {
  closeAfterInvocation: 'close-after-invocation',
  reuseAcrossInvocations: 'reuse-across-invocations',
} as const;

/**
 * One of {@link PG_STRATEGY}.
 * @example
 * const strategy: PgStrategy = 'close-after-invocation';
 */
export type PgStrategy = (typeof PG_STRATEGY)[keyof typeof PG_STRATEGY];
