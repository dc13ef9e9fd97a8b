import pg from 'pg';

/** The machine's PostgreSQL server; each run makes a database of its own on it. */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh PostgreSQL database for one run of `suite` (`motorcade_bench_<suite>_<pid>_<ms>`, dashes
 * as underscores), made on the server at TEST_DATABASE_URL as test/support/fresh-database.ts makes
 * one. Resolves with its `url` and `drop()`, which removes it even while connections remain.
 * @param {string} suite - the suite's name, e.g. `event-bus`
 */
export async function createDatabase(suite) {
  const name = `motorcade_bench_${suite.replaceAll('-', '_')}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
