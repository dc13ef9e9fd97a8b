import { createHash } from 'node:crypto';
import pg from 'pg';
import { Umzug } from 'umzug';
import { inTransaction } from '../connections/pg-connection.js';
import type { Migration } from './migration.js';
import { PgMigrationStorage } from './pg-migration-storage.js';

/** What a migration run did. */
export interface MigrationOutcome {
  readonly schema: string;
  /** Names applied by this run, in order. */
  readonly applied: readonly string[];
  /** The newest migration now in the schema. */
  readonly latest: string | undefined;
}

/**
 * Brings a service's schema up to date: creates it, then applies the migrations not applied yet,
 * each in its own transaction with its log row. An advisory lock per schema makes concurrent runs
 * (two deploys, a retried custom resource) wait for each other instead of racing.
 * @example
 * await runMigrations(process.env.DATABASE_URL, 'event_bus', [{ name: '0001-listeners', sql: 'CREATE TABLE listeners (...)' }]);
 */
export async function runMigrations(
  databaseUrl: string,
  schema: string,
  migrations: readonly Migration[],
): Promise<MigrationOutcome> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  const lock = advisoryLockKey(schema);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lock]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const storage = new PgMigrationStorage(client, schema);
    await storage.ensure();
    const umzug = new Umzug({
      migrations: [...migrations]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((migration) => ({
          name: migration.name,
          up: () =>
            inTransaction(client, async (tx) => {
              await tx.query(`SET LOCAL search_path TO "${schema}"`);
              await tx.query(migration.sql);
              await storage.logMigration({ name: migration.name });
            }),
        })),
      // The log row is written inside each migration's transaction, so Umzug must not write it again.
      storage: {
        executed: () => storage.executed(),
        logMigration: async () => {},
        unlogMigration: async () => {},
      },
      logger: undefined,
    });
    const applied = await umzug.up();
    const executed = await storage.executed();
    return { schema, applied: applied.map((migration) => migration.name), latest: executed.at(-1) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [lock]).catch(() => undefined);
    await client.end();
  }
}

/** A stable 63-bit key per schema for pg_advisory_lock. */
function advisoryLockKey(schema: string): string {
  const digest = createHash('sha256').update(`motorcade-migrations:${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}
