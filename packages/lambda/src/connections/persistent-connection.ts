import { LambdaLibraryError } from '../errors/lambda-library-error.js';

/** How a {@link PersistentConnection} makes, checks and closes its connection. */
export interface PersistentConnectionOptions<T> {
  /** A name for logs and errors (`mongodb`). */
  readonly name: string;
  readonly connect: () => Promise<T>;
  /** Resolves true when the connection still works; a check slower than `aliveTimeoutMs` counts as dead. */
  readonly isAlive: (connection: T) => Promise<boolean>;
  readonly close: (connection: T) => Promise<void>;
  readonly aliveTimeoutMs?: number;
}

/**
 * A connection kept across invocations of one warm environment, for services whose database is
 * slow to connect to (the seed's MongoDB lesson): on each `get()` — exists? alive? else reconnect.
 * Concurrent `get()` calls share one connect; a dead connection is closed quietly before the new one.
 * @example
 * const conn = new PersistentConnection({ name: 'cache', connect, isAlive: (c) => c.ping(), close: (c) => c.quit() });
 * const client = await conn.get();
 */
export class PersistentConnection<T> {
  readonly #options: Required<PersistentConnectionOptions<T>>;
  #connection: Promise<T> | undefined;
  #reconnects = 0;

  constructor(options: PersistentConnectionOptions<T>) {
    this.#options = { aliveTimeoutMs: 1_000, ...options };
  }

  /** How many times a dead connection was replaced. */
  get reconnects(): number {
    return this.#reconnects;
  }

  /** A live connection: the existing one if it answers, else a new one. */
  async get(): Promise<T> {
    const existing = this.#connection;
    if (existing) {
      const connection = await existing.catch(() => undefined);
      if (connection !== undefined && (await this.#alive(connection))) return connection;
      if (this.#connection === existing) {
        this.#connection = undefined;
        this.#reconnects += 1;
        if (connection !== undefined) await this.#options.close(connection).catch(() => undefined);
      }
    }
    this.#connection ??= this.#connect();
    return this.#connection;
  }

  /** Closes the connection, if any. */
  async close(): Promise<void> {
    const existing = this.#connection;
    this.#connection = undefined;
    const connection = await existing?.catch(() => undefined);
    if (connection !== undefined) await this.#options.close(connection);
  }

  async #connect(): Promise<T> {
    try {
      return await this.#options.connect();
    } catch (error) {
      this.#connection = undefined;
      throw new LambdaLibraryError('CONNECTION_FAILED', `Could not connect to ${this.#options.name}`, {
        cause: error,
      });
    }
  }

  async #alive(connection: T): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.#options.aliveTimeoutMs);
    });
    try {
      return await Promise.race([this.#options.isAlive(connection), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
