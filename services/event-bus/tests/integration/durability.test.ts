import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createEvent } from '@motorcade/lambda';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../../../../test/support/fresh-database.js';
import { waitFor } from './support/wait-for.js';

const RUNNER = fileURLToPath(new URL('../fixtures/durability/run-cloud.mjs', import.meta.url));

interface RunningCloud {
  readonly process: ChildProcess;
  readonly edgeUrl: string;
  readonly sendEventArn: string;
}

function startCloud(stateDir: string, databaseUrl: string): Promise<RunningCloud> {
  const child = spawn(process.execPath, [RUNNER, stateDir, databaseUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cloud did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const ready = /READY (\S+) (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ process: child, edgeUrl: ready[1] as string, sendEventArn: ready[2] as string });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the cloud exited (${code}):\n${output}`)));
  });
}

describe('events accepted before a kill -9 of the local cloud', () => {
  const children: ChildProcess[] = [];
  let dir = '';
  let database: FreshDatabase | undefined;
  let db: pg.Pool | undefined;
  afterEach(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await db?.end();
    await database?.drop();
    if (dir && !process.env.KEEP_DURABILITY_DIR) await rm(dir, { recursive: true, force: true });
  });

  it('are delivered after the restart, each logged once', async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), 'motorcade-bus-durable-'));
    database = await freshDatabase('event_bus_durable');
    db = new pg.Pool({ connectionString: database.url, max: 1 });
    const stateDir = join(dir, 'state');
    const first = await startCloud(stateDir, database.url);
    children.push(first.process);
    const lambda = new LambdaClient({
      endpoint: first.edgeUrl,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'motorcade-test', secretAccessKey: 'motorcade' },
    });
    const total = 50;
    const received = async (): Promise<Set<number>> => {
      const { rows } = await (db as pg.Pool).query(
        `SELECT DISTINCT (detail->>'n')::int AS n FROM bus_fixture_lambda.received WHERE type = 'durableTick'`,
      );
      return new Set(rows.map((row) => row.n));
    };

    // Act: every event is accepted (202, journaled) and the process is killed right after the last.
    const statuses = await Promise.all(
      Array.from({ length: total }, async (_, n) => {
        const payload = JSON.stringify(createEvent('durableTick', { n }, 'tests'));
        const result = await lambda.send(
          new InvokeCommand({ FunctionName: first.sendEventArn, InvocationType: 'Event', Payload: payload }),
        );
        return result.StatusCode;
      }),
    );
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));
    lambda.destroy();
    const beforeRestart = await received();
    const second = await startCloud(stateDir, database.url);
    children.push(second.process);

    // Assess
    expect(statuses.every((status) => status === 202)).toBe(true);
    expect(beforeRestart.size).toBeLessThan(total);
    const after = await waitFor(
      async () => {
        const seen = await received();
        return seen.size === total ? seen : undefined;
      },
      {
        what: `all ${total} events to reach the listener after the restart`,
        // A restart replays the backlog through a busy two-core machine (CI runs suites side by side).
        timeoutMs: 150_000,
        intervalMs: 250,
      },
    );
    expect([...Array(total).keys()].filter((n) => !after.has(n))).toEqual([]);
    const logged = await db.query(
      `SELECT count(*)::int AS n FROM event_bus.events WHERE type = 'durableTick'`,
    );
    expect(logged.rows[0].n).toBe(total);
  }, 300_000);
});
