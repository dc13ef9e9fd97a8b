import pg from 'pg';
import { logger } from '../observability/telemetry.js';
import { inTransaction, type PgConnection } from './pg-connection.js';
import { PG_STRATEGY } from './pg-strategy.js';

/**
 * The close-after-invocation strategy: a client opened on first use in an invocation and closed
 * (`end()`, its listeners removed, the reference dropped) after it, before the response returns.
 * @example
 * const db = new PgPerInvocation({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 1000 });
 */
export class PgPerInvocation implements PgConnection {
  readonly strategy = PG_STRATEGY.closeAfterInvocation;
  readonly #config: pg.ClientConfig;
  #client: Promise<pg.Client> | undefined;

  constructor(config: pg.ClientConfig) {
    this.#config = config;
  }

  /** This invocation's client, connected on first use. */
  client(): Promise<pg.Client> {
    this.#client ??= this.#connect();
    return this.#client;
  }

  async query<TRow extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: readonly unknown[] = [],
  ): Promise<pg.QueryResult<TRow>> {
    return (await this.client()).query<TRow>(text, [...values]);
  }

  async transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    return inTransaction(await this.client(), work);
  }

  async afterInvocation(): Promise<void> {
    const pending = this.#client;
    // Dropped first: even if closing fails, the next invocation gets a new client, never this one.
    this.#client = undefined;
    if (!pending) return;
    const client = await pending.catch(() => undefined);
    if (!client) return;
    try {
      await client.end();
    } finally {
      client.removeAllListeners();
    }
  }

  end(): Promise<void> {
    return this.afterInvocation();
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client(this.#config);
    // A server-side disconnect while idle emits 'error'; unhandled it would kill the environment.
    client.on('error', (error) => logger.warn('PostgreSQL connection lost', { error }));
    try {
      await client.connect();
    } catch (error) {
      this.#client = undefined;
      client.removeAllListeners();
      throw error;
    }
    return client;
  }
}
