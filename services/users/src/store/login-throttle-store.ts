import type { ThrottleState } from '../domain/login-throttle.js';
import type { ThrottleStore } from '../domain/ports.js';
import type { Database, Queryable } from './database.js';

interface ThrottleRow {
  readonly key: string;
  readonly strikes: number;
  readonly last_strike_at: Date;
  readonly locked_until: Date | null;
}

const toState = (row: ThrottleRow): ThrottleState => ({
  strikes: row.strikes,
  lastStrikeAt: row.last_strike_at,
  lockedUntil: row.locked_until,
});

/** `users.login_throttle` in PostgreSQL. */
export class PgLoginThrottleStore implements ThrottleStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async read(keys: readonly string[]): Promise<ReadonlyMap<string, ThrottleState>> {
    const { rows } = await this.#db.query<ThrottleRow>(
      'SELECT key, strikes, last_strike_at, locked_until FROM users.login_throttle WHERE key = ANY($1)',
      [[...keys]],
    );
    return new Map(rows.map((row) => [row.key, toState(row)]));
  }

  async strike(
    key: string,
    next: (current: ThrottleState | undefined) => ThrottleState,
  ): Promise<ThrottleState> {
    return this.#db.transaction(async (client: Queryable) => {
      // The row is created first so that concurrent strikes on a new key queue on its lock.
      await client.query(
        `INSERT INTO users.login_throttle (key, strikes, last_strike_at) VALUES ($1, 0, 'epoch')
         ON CONFLICT (key) DO NOTHING`,
        [key],
      );
      const { rows } = await client.query<ThrottleRow>(
        'SELECT key, strikes, last_strike_at, locked_until FROM users.login_throttle WHERE key = $1 FOR UPDATE',
        [key],
      );
      const current = rows[0] && rows[0].strikes > 0 ? toState(rows[0]) : undefined;
      const state = next(current);
      await client.query(
        'UPDATE users.login_throttle SET strikes = $2, last_strike_at = $3, locked_until = $4 WHERE key = $1',
        [key, state.strikes, state.lastStrikeAt, state.lockedUntil],
      );
      return state;
    });
  }

  async clear(key: string): Promise<void> {
    await this.#db.query('DELETE FROM users.login_throttle WHERE key = $1', [key]);
  }

  async forget(cutoff: Date, now: Date): Promise<number> {
    const { rowCount } = await this.#db.query(
      `DELETE FROM users.login_throttle
        WHERE last_strike_at < $1 AND (locked_until IS NULL OR locked_until <= $2)`,
      [cutoff, now],
    );
    return rowCount ?? 0;
  }
}
