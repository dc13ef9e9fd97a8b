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
});
