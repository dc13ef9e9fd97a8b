import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '@motorcade/cloud';
import pg from 'pg';

/**
 * The PostgreSQL server tests use when one is given; without it every suite gets an embedded
 * database of its own (PGlite, nothing to install), as `motorcade dev` does.
 */
export const TEST_DATABASE_URL: string | undefined = process.env.TEST_DATABASE_URL || undefined;

/** A database of its own for one test file, so suites never see each other's rows. */
export interface FreshDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * An empty database for one suite: a new database on the server at `TEST_DATABASE_URL`, else an
 * embedded one in a temporary directory. `drop()` removes it.
 * @example
 * const db = await freshDatabase('event_bus');
 * afterAll(() => db.drop());
 */
export async function freshDatabase(label: string): Promise<FreshDatabase> {
  return TEST_DATABASE_URL ? serverDatabase(TEST_DATABASE_URL, label) : embeddedDatabase(label);
}

async function embeddedDatabase(label: string): Promise<FreshDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), `motorcade-db-${label.replace(/[^a-z0-9_]/gi, '_')}-`));
  const embedded = await EmbeddedPostgres.start({ dataDir });
  return {
    url: embedded.url,
    async drop() {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function serverDatabase(serverUrl: string, label: string): Promise<FreshDatabase> {
  const name = `motorcade_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
