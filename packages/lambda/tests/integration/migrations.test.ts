import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/index.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('service migrations on the real PostgreSQL', () => {
  let schema: string;
  let admin: pg.Client;
  beforeEach(async () => {
    schema = `migrations_test_${process.pid}_${Date.now()}`;
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  const first = {
    name: '0001-vehicles',
    sql: 'CREATE TABLE vehicles (id serial PRIMARY KEY, plate text NOT NULL)',
  };
  const second = {
    name: '0002-capacity',
    sql: 'ALTER TABLE vehicles ADD COLUMN capacity int NOT NULL DEFAULT 0',
  };

  it('creates the schema and applies the migrations in name order, each once', async () => {
    // Act
    const initial = await runMigrations(DATABASE_URL, schema, [second, first]);
    const again = await runMigrations(DATABASE_URL, schema, [first, second]);

    // Assess
    expect(initial).toEqual({ schema, applied: ['0001-vehicles', '0002-capacity'], latest: '0002-capacity' });
    expect(again).toEqual({ schema, applied: [], latest: '0002-capacity' });
    const columns = await admin.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'vehicles' ORDER BY ordinal_position`,
      [schema],
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual(['id', 'plate', 'capacity']);
  });

  it('lets two runs at once apply each migration exactly once', async () => {
    // Act
    const [a, b] = await Promise.all([
      runMigrations(DATABASE_URL, schema, [first, second]),
      runMigrations(DATABASE_URL, schema, [first, second]),
    ]);

    // Assess
    expect([...a.applied, ...b.applied].sort()).toEqual(['0001-vehicles', '0002-capacity']);
  });

  it('rolls a failing migration back whole and names it in the error', async () => {
    // Prepare
    await runMigrations(DATABASE_URL, schema, [first]);
    const broken = { name: '0002-broken', sql: 'CREATE TABLE half (id int); SELECT * FROM no_such_table' };

    // Act
    const running = runMigrations(DATABASE_URL, schema, [first, broken]);

    // Assess
    await expect(running).rejects.toThrow(/0002-broken|no_such_table/);
    const tables = await admin.query(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [schema],
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(['schema_migrations', 'vehicles']);
    expect((await runMigrations(DATABASE_URL, schema, [first])).latest).toBe('0001-vehicles');
  });
});
