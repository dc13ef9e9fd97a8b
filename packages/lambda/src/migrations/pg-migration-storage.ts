import type pg from 'pg';

/**
 * The record of applied migrations, kept in `<schema>.schema_migrations` on the same client the
 * migrations run on, so each log row commits together with its schema change.
 */
export class PgMigrationStorage {
  readonly #client: pg.ClientBase;
  readonly #table: string;

  constructor(client: pg.ClientBase, schema: string) {
    this.#client = client;
    this.#table = `"${schema}".schema_migrations`;
  }

  async ensure(): Promise<void> {
    await this.#client.query(
      `CREATE TABLE IF NOT EXISTS ${this.#table} (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async logMigration({ name }: { name: string }): Promise<void> {
    await this.#client.query(`INSERT INTO ${this.#table} (name) VALUES ($1)`, [name]);
  }

  async executed(): Promise<string[]> {
    const result = await this.#client.query<{ name: string }>(
      `SELECT name FROM ${this.#table} ORDER BY name`,
    );
    return result.rows.map((row) => row.name);
  }
}
