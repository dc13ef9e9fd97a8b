import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true';
});

import { PgReusedPool, pgConnection } from '../../src/index.js';
import { quietConsole } from '../support/quiet-powertools.js';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client(URL);

/** Server-side backends of this test's application name. */
async function backends(applicationName: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  return rows.map((row) => row.pid);
}

describe('PostgreSQL strategies against the real server (TEST_DATABASE_URL)', () => {
  beforeAll(() => admin.connect());
  beforeEach(() => {
    quietConsole();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => admin.end());

  it('close-after-invocation leaves no connection open once the invocation is over', async () => {
    const db = pgConnection({
      strategy: 'close-after-invocation',
      connectionString: URL,
      application_name: 'lib-close',
    });

    const { rows } = await db.query<{ n: number }>('SELECT $1::int AS n', [7]);
    const during = await backends('lib-close');
    await db.afterInvocation();

    expect(rows[0]?.n).toBe(7);
    expect(during).toHaveLength(1);
    expect(await backends('lib-close')).toEqual([]);
  });

  it('reuse-across-invocations keeps the connection, and reconnects when the server dropped it', async () => {
    // Prepare
    const db = pgConnection({
      strategy: 'reuse-across-invocations',
      connectionString: URL,
      application_name: 'lib-reuse',
    });
    await db.query('SELECT 1');
    await db.afterInvocation();
    const [first] = await backends('lib-reuse');

    // Act: the server kills the idle connection between invocations (a restart, an idle timeout).
    await admin.query('SELECT pg_terminate_backend($1)', [first]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { rows } = await db.query<{ ok: number }>('SELECT 1 AS ok');
    const [second] = await backends('lib-reuse');

    // Assess
    expect(rows[0]?.ok).toBe(1);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await db.end();
  });

  it('reuse-across-invocations checks a connection that died without telling anyone', async () => {
    // Prepare: a pool whose idle client lost its socket silently (no 'error' event reached the
    // pool), and stayed idle longer than the window in which a client that just answered is trusted.
    const db = new PgReusedPool({
      connectionString: URL,
      application_name: 'lib-silent',
      max: 1,
      aliveCheckAfterIdleMs: 50,
    });
    await db.query('SELECT 1');
    const client = await db.client();
    client.release();
    await db.afterInvocation();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const socket = (
      client as unknown as { connection: { stream: { destroy(): void; removeAllListeners(): void } } }
    ).connection.stream;
    socket.removeAllListeners();
    socket.destroy();

    // Act
    const { rows } = await db.query<{ ok: number }>('SELECT 1 AS ok');

    // Assess
    expect(rows[0]?.ok).toBe(1);
    expect(db.reconnects).toBe(1);
    await db.end();
  });

  it('reuse-across-invocations trusts a client that answered moments ago, and checks it once idle', async () => {
    // Prepare
    const db = new PgReusedPool({
      connectionString: URL,
      application_name: 'lib-bypass',
      aliveCheckAfterIdleMs: 200,
    });
    await db.query('SELECT 1');
    await db.afterInvocation();
    const checksAfterFirst = db.aliveChecks;

    // Act: the next invocation comes at once (as in a burst); a later one after the window.
    await db.query('SELECT 2');
    await db.afterInvocation();
    const checksWhenBusy = db.aliveChecks;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await db.query('SELECT 3');
    await db.afterInvocation();

    // Assess: the new connection is checked once on first use, not again within the window.
    expect(checksAfterFirst).toBe(1);
    expect(checksWhenBusy).toBe(1);
    expect(db.aliveChecks).toBe(2);
    await db.end();
  });

  it('reuse-across-invocations checks every invocation with aliveCheckAfterIdleMs 0', async () => {
    const db = pgConnection({
      strategy: 'reuse-across-invocations',
      connectionString: URL,
      application_name: 'lib-always',
      aliveCheckAfterIdleMs: 0,
    }) as PgReusedPool;

    for (const n of [1, 2, 3]) {
      await db.query('SELECT $1::int', [n]);
      await db.afterInvocation();
    }

    expect(db.aliveChecks).toBe(3);
    await db.end();
  });

  it('refuses an unknown strategy', () => {
    expect(() => pgConnection({ strategy: 'sometimes' as 'close-after-invocation' })).toThrow(
      /Unknown PostgreSQL strategy/,
    );
  });
});
