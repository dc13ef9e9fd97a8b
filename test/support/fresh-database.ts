import pg from 'pg';

/** The PostgreSQL server tests use: `TEST_DATABASE_URL`, else this machine's default server. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database of its own for one test file, so suites never see each other's rows. */
export interface FreshDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the test server and returns its URL; `drop()` removes it.
 * @example
 * const db = await freshDatabase('event_bus');
 * afterAll(() => db.drop());
 */
export async function freshDatabase(label: string): Promise<FreshDatabase> {
  const name = `motorcade_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
