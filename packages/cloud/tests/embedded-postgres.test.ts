import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';

describe('the embedded database', () => {
  let dir: string;
  let database: EmbeddedPostgres | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-pglite-'));
  });
  afterEach(async () => {
    await database?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves PostgreSQL over the wire protocol to node-postgres, and keeps data across a restart', async () => {
    // Prepare
    database = await EmbeddedPostgres.start({ dataDir: join(dir, 'db') });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('CREATE SCHEMA fleet');
    await client.query('CREATE TABLE fleet.vehicles (id serial PRIMARY KEY, plate text NOT NULL)');
    await client.query('INSERT INTO fleet.vehicles (plate) VALUES ($1), ($2)', ['AB-123', 'CD-456']);
    await client.end();

    // Act
    await database.stop();
    database = await EmbeddedPostgres.start({ dataDir: join(dir, 'db') });
    const again = new pg.Client({ connectionString: database.url });
    await again.connect();
    const result = await again.query<{ plate: string }>('SELECT plate FROM fleet.vehicles ORDER BY id');
    await again.end();

    // Assess
    expect(database.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(result.rows.map((row) => row.plate)).toEqual(['AB-123', 'CD-456']);
  });

  it('serves several connections at once', async () => {
    // Prepare
    database = await EmbeddedPostgres.start({ dataDir: join(dir, 'db') });
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });

    // Act
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, n) => pool.query<{ n: number }>('SELECT $1::int AS n', [n])),
    );
    await pool.end();

    // Assess
    expect(results.map((result) => result.rows[0]?.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps each connection its own: prepared statement names, and transactions not seen half-done', async () => {
    // Prepare
    database = await EmbeddedPostgres.start({ dataDir: join(dir, 'db') });
    const setup = new pg.Client({ connectionString: database.url });
    await setup.connect();
    await setup.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)');
    await setup.query('INSERT INTO counters VALUES (1, 0)');
    await setup.end();
    const clients = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const client = new pg.Client({ connectionString: database?.url });
        await client.connect();
        return client;
      }),
    );

    // Act: every connection prepares the same statement name and runs read-modify-write transactions.
    const increments = 8;
    await Promise.all(
      clients.map(async (client) => {
        for (let round = 0; round < increments; round += 1) {
          await client.query('BEGIN');
          const { rows } = await client.query<{ n: number }>({
            name: 'read-counter',
            text: 'SELECT n FROM counters WHERE id = $1',
            values: [1],
          });
          await new Promise((resolve) => setImmediate(resolve));
          await client.query({
            name: 'write-counter',
            text: 'UPDATE counters SET n = $1 WHERE id = 1',
            values: [(rows[0]?.n ?? 0) + 1],
          });
          await client.query('COMMIT');
        }
      }),
    );
    const { rows } = await clients[0]!.query<{ n: number }>('SELECT n FROM counters WHERE id = 1');
    await Promise.all(clients.map((client) => client.end()));

    // Assess: no lost update (another connection's statements never ran inside a transaction), and
    // no "prepared statement already exists".
    expect(rows[0]?.n).toBe(clients.length * increments);
  });

  it('rolls back the open transaction of a connection that goes away', async () => {
    // Prepare
    database = await EmbeddedPostgres.start({ dataDir: join(dir, 'db') });
    const quitter = new pg.Client({ connectionString: database.url });
    await quitter.connect();
    await quitter.query('CREATE TABLE notes (text text)');
    await quitter.query('BEGIN');
    await quitter.query("INSERT INTO notes VALUES ('half-done')");

    // Act
    await quitter.end();
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    const { rows } = await other.query('SELECT * FROM notes');
    await other.end();

    // Assess
    expect(rows).toEqual([]);
  });
});
