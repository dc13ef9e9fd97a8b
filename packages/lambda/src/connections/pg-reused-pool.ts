import pg from 'pg';
import { logger } from '../observability/telemetry.js';
import { inTransaction, type PgConnection } from './pg-connection.js';
import { PG_STRATEGY } from './pg-strategy.js';

const ALIVE_CHECK_TIMEOUT_MS = 1_000;

/** Settings of a {@link PgReusedPool}: node-postgres' pool settings and the liveness check's. */
export type PgReusedPoolConfig = pg.PoolConfig & {
  /**
   * A client that answered a statement less than this long ago is not checked again (default 500,
   * HikariCP's "alive bypass window"): back-to-back invocations skip a round trip, and an
   * environment that was frozen or idle for longer is always checked. 0 checks every invocation.
   */
  readonly aliveCheckAfterIdleMs?: number;
};

/**
 * The reuse-across-invocations strategy: a pool created once per execution environment (keep the
 * instance at module level). The first time a client is used in an invocation it is checked with
 * `SELECT 1` — unless it answered a statement within `aliveCheckAfterIdleMs` — and a dead one is
 * destroyed (`release(true)`, so the pool forgets it) and a new connection made: the environment
 * may have been frozen for minutes and the server or a NAT may have dropped the socket meanwhile.
 * @example
 * const db = new PgReusedPool({ connectionString: process.env.DATABASE_URL, max: 2 });
 */
export class PgReusedPool implements PgConnection {
  readonly strategy = PG_STRATEGY.reuseAcrossInvocations;
  readonly pool: pg.Pool;
  #invocation = 0;
  readonly #checkedIn = new WeakMap<pg.PoolClient, number>();
  /** When each client last answered (or was found alive), by `Date.now()`. */
  readonly #answeredAt = new WeakMap<pg.PoolClient, number>();
  readonly #aliveCheckAfterIdleMs: number;
  #reconnects = 0;
  #checks = 0;

  constructor(config: PgReusedPoolConfig) {
    const { aliveCheckAfterIdleMs = 500, ...poolConfig } = config;
    this.#aliveCheckAfterIdleMs = aliveCheckAfterIdleMs;
    this.pool = new pg.Pool({ max: 2, connectionTimeoutMillis: 1_000, allowExitOnIdle: true, ...poolConfig });
    // An idle client's error is emitted on the pool (which then drops the client); unhandled it
    // would kill the environment.
    this.pool.on('error', (error) =>
      logger.warn('Idle PostgreSQL connection lost; it will be replaced', { error }),
    );
  }

  /** How many dead connections were replaced so far. */
  get reconnects(): number {
    return this.#reconnects;
  }

  /** How many liveness checks (`SELECT 1`) were sent so far. */
  get aliveChecks(): number {
    return this.#checks;
  }

  /** A live client from the pool; release it with `client.release()`. */
  async client(): Promise<pg.PoolClient> {
    for (let attempt = 0; ; attempt += 1) {
      const client = await this.pool.connect();
      if (this.#checkedIn.get(client) === this.#invocation) return client;
      const answeredAt = this.#answeredAt.get(client);
      if (answeredAt !== undefined && Date.now() - answeredAt < this.#aliveCheckAfterIdleMs) {
        this.#checkedIn.set(client, this.#invocation);
        return client;
      }
      this.#checks += 1;
      if (await isAlive(client)) {
        this.#checkedIn.set(client, this.#invocation);
        this.#answeredAt.set(client, Date.now());
        return client;
      }
      client.release(true);
      this.#reconnects += 1;
      if (attempt >= this.pool.options.max) throw new Error('No live PostgreSQL connection could be made');
    }
  }

  async query<TRow extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: readonly unknown[] = [],
  ): Promise<pg.QueryResult<TRow>> {
    const client = await this.client();
    try {
      const result = await client.query<TRow>(text, [...values]);
      this.#answeredAt.set(client, Date.now());
      client.release();
      return result;
    } catch (error) {
      // A broken connection must not go back to the pool; an SQL error leaves it usable.
      client.release(isConnectionError(error) ? asError(error) : undefined);
      throw error;
    }
  }

  async transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    const client = await this.client();
    try {
      const result = await inTransaction(client, work);
      this.#answeredAt.set(client, Date.now());
      client.release();
      return result;
    } catch (error) {
      client.release(isConnectionError(error) ? asError(error) : undefined);
      throw error;
    }
  }

  async afterInvocation(): Promise<void> {
    this.#invocation += 1;
    const busy = this.pool.totalCount - this.pool.idleCount;
    if (busy > 0)
      logger.warn('PostgreSQL clients still checked out after the invocation: release them', { busy });
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

async function isAlive(client: pg.PoolClient): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ALIVE_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([client.query('SELECT 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function isConnectionError(error: unknown): boolean {
  // SQL errors carry a SQLSTATE `code` from the server; socket failures carry none, or a Node code.
  if (typeof error !== 'object' || error === null) return true;
  const code = 'code' in error ? error.code : undefined;
  return (
    typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || code.startsWith('08') || code.startsWith('57P')
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
