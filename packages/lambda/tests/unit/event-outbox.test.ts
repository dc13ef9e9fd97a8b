import { readFileSync } from 'node:fs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_DEV = 'true';
});

import { type FreshDatabase, freshDatabase } from '../../../../test/support/fresh-database.js';
import {
  ConfigurationError,
  EventTooLargeError,
  eventOutbox,
  type PgConnection,
  pgConnection,
} from '../../src/index.js';
import { quietConsole } from '../support/quiet-powertools.js';

const lambda = mockClient(LambdaClient);
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:test-event-bus-SendEvent';
const ORG = '0b6f3f1e-8a38-4d53-9a3c-5f0d2a0c9e11';
const DDL = readFileSync(new URL('../fixtures/outbox/outbox.sql', import.meta.url), 'utf8');

let fresh: FreshDatabase;
let db: PgConnection;
const outbox = eventOutbox({ schema: 'orders' });

interface OutboxRow {
  id: string;
  org_id: string | null;
  type: string;
  envelope: { id: string; type: string; detail: unknown; correlationId: string; causationId?: string };
  attempts: number;
  posted_at: Date | null;
}

const rows = async (): Promise<OutboxRow[]> =>
  (
    await db.query<OutboxRow>(
      'SELECT id, org_id, type, envelope, attempts, posted_at FROM orders.outbox ORDER BY seq',
    )
  ).rows;

/** The payloads the bus was sent, in order: a lone envelope, or `{ events: [envelope, …] }`. */
const sent = () =>
  lambda.commandCalls(InvokeCommand).map((call) => {
    expect(call.args[0].input).toMatchObject({ FunctionName: ARN, InvocationType: 'Event' });
    return JSON.parse(Buffer.from(call.args[0].input.Payload as Uint8Array).toString('utf8'));
  });

/** The ids of the envelopes in each payload the bus was sent. */
const sentIds = (): string[][] =>
  sent().map((payload) =>
    'events' in payload ? payload.events.map((envelope: { id: string }) => envelope.id) : [payload.id],
  );

/** `count` events to stage, typed `e0`, `e1`, … */
const numbered = (count: number) =>
  Array.from({ length: count }, (_, n) => ({ type: `e${n}`, detail: { n } }));

/** Makes every stored event look as if it had been stored (and tried) `seconds` ago. */
const age = (seconds: number) =>
  db.query(
    `UPDATE orders.outbox SET created_at = created_at - make_interval(secs => $1),
                              attempted_at = attempted_at - make_interval(secs => $1)`,
    [seconds],
  );

beforeAll(async () => {
  fresh = await freshDatabase('lambda_outbox');
  db = pgConnection({ strategy: 'reuse-across-invocations', connectionString: fresh.url });
  await db.query('CREATE SCHEMA orders');
  await db.query(`SET search_path TO orders; ${DDL}; SET search_path TO public`);
  // The same table with text organisation ids, as the allocation service keeps them.
  await db.query('CREATE SCHEMA texted');
  await db.query(
    `SET search_path TO texted; ${DDL.replace('org_id uuid', 'org_id text NOT NULL')}; SET search_path TO public`,
  );
});

afterAll(async () => {
  await db.end();
  await fresh.drop();
});

beforeEach(async () => {
  quietConsole();
  lambda.reset();
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  process.env.SEND_EVENT_ARN = ARN;
  process.env.AWS_REGION = 'eu-west-1';
  await db.query('TRUNCATE orders.outbox, texted.outbox');
});

afterEach(() => {
  delete process.env.SEND_EVENT_ARN;
  vi.restoreAllMocks();
});

describe('eventOutbox: stage', () => {
  it('keeps the events of a committed transaction, in order, with createEvent envelopes', async () => {
    // Act
    const staged = await db.transaction((tx) =>
      outbox.stage(tx, [
        { type: 'orderPlaced', detail: { orderId: 'o-1' }, orgId: ORG },
        { type: 'orderPaid', detail: { orderId: 'o-1' } },
      ]),
    );

    // Assess
    expect(staged.map((event) => event.type)).toEqual(['orderPlaced', 'orderPaid']);
    const stored = await rows();
    expect(stored.map((row) => [row.id, row.org_id, row.type, row.posted_at])).toEqual([
      [staged[0]?.id, ORG, 'orderPlaced', null],
      [staged[1]?.id, null, 'orderPaid', null],
    ]);
    expect(stored[0]?.envelope).toEqual(staged[0]?.envelope);
    expect(stored[0]?.envelope).toMatchObject({ id: staged[0]?.id, detail: { orderId: 'o-1' } });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('keeps nothing when the transaction rolls back', async () => {
    const failed = await db
      .transaction(async (tx) => {
        await outbox.stage(tx, [{ type: 'orderPlaced', detail: {} }]);
        throw new Error('the change failed');
      })
      .catch((error: unknown) => error);

    expect(failed).toBeInstanceOf(Error);
    expect(await rows()).toEqual([]);
  });

  it('carries a given cause: its id as causationId and its correlation id', async () => {
    const [event] = await outbox.stage(db, [
      { type: 'orderShipped', detail: {}, cause: { id: '41', correlationId: 'corr-7' } },
    ]);

    expect(event?.envelope).toMatchObject({ causationId: '41', correlationId: 'corr-7' });
    expect((await rows())[0]?.envelope).toMatchObject({ causationId: '41', correlationId: 'corr-7' });
  });

  it('refuses an event over 1 MB and stores none of the batch', async () => {
    const error = await outbox
      .stage(db, [
        { type: 'small', detail: {} },
        { type: 'photoTaken', detail: { blob: 'x'.repeat(1024 * 1024) } },
      ])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({ code: 'EVENT_TOO_LARGE', eventType: 'photoTaken' });
    expect(await rows()).toEqual([]);
  });

  it('stores text organisation ids in a table whose org_id is text', async () => {
    const texted = eventOutbox({ schema: 'texted' });
    await texted.stage(db, [{ type: 'offerMade', detail: {}, orgId: 'org-7' }]);

    const { rows: stored } = await db.query<{ org_id: string }>('SELECT org_id FROM texted.outbox');
    expect(stored).toEqual([{ org_id: 'org-7' }]);
  });

  it.each([
    ['a name with a quote', 'orders"; DROP TABLE x; --'],
    ['capitals', 'Orders'],
    ['an empty name', ''],
  ])('refuses a schema that is not a plain identifier: %s', (_what, schema) => {
    expect(() => eventOutbox({ schema })).toThrow(ConfigurationError);
  });

  it('refuses unknown options', () => {
    expect(() => eventOutbox({ schema: 'orders', tabel: 'x' } as never)).toThrow(
      /Unknown outbox options: tabel/,
    );
  });
});

describe('eventOutbox: publish', () => {
  it('posts staged envelopes to SEND_EVENT_ARN asynchronously as one batch and marks them posted', async () => {
    const staged = await db.transaction((tx) =>
      outbox.stage(tx, [
        { type: 'orderPlaced', detail: { n: 1 } },
        { type: 'orderPaid', detail: { n: 2 } },
      ]),
    );

    const posted = await outbox.publish(db, staged);

    expect(posted).toBe(2);
    expect(sent()).toEqual([{ events: staged.map((event) => event.envelope) }]);
    expect((await rows()).every((row) => row.posted_at instanceof Date)).toBe(true);
  });

  it('posts a lone staged envelope as it is, as older SendEvents accept it', async () => {
    const staged = await outbox.stage(db, [{ type: 'orderPlaced', detail: { n: 1 } }]);

    expect(await outbox.publish(db, staged)).toBe(1);

    expect(sent()).toEqual([staged[0]?.envelope]);
  });

  it('posts batches of at most ten, one after the other, in the staged order', async () => {
    const staged = await outbox.stage(db, numbered(23));

    const posted = await outbox.publish(db, staged);

    expect(posted).toBe(23);
    expect(sentIds().map((ids) => ids.length)).toEqual([10, 10, 3]);
    expect(sentIds().flat()).toEqual(staged.map((event) => event.id));
    expect((await rows()).every((row) => row.posted_at instanceof Date)).toBe(true);
  });

  it('never throws: on a failed batch it stops, marks the batches that went, logs, and leaves the rest', async () => {
    // Prepare: 12 events, a batch of 10 and one of 2; the bus takes the first and is unreachable for the second.
    const console = quietConsole();
    lambda
      .on(InvokeCommand)
      .resolvesOnce({ StatusCode: 202 })
      .rejectsOnce(Object.assign(new Error('connect ECONNREFUSED'), { name: 'NetworkingError' }))
      .resolves({ StatusCode: 202 });
    const staged = await outbox.stage(db, numbered(12));
    const ids = staged.map((event) => event.id);

    // Act
    const posted = await outbox.publish(db, staged);

    // Assess
    expect(posted).toBe(10);
    expect(sentIds()).toEqual([ids.slice(0, 10), ids.slice(10)]);
    expect((await rows()).map((row) => [row.id, row.posted_at !== null])).toEqual(
      ids.map((id, index) => [id, index < 10]),
    );
    const warned = console.warn.mock.calls.map((call) => String(call[0]));
    const line = warned.find((text) => text.includes('Outbox events not posted; the relay will retry them'));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}')).toMatchObject({ eventIds: ids.slice(10), left: 2 });
  });

  it('tries no later batch once one failed, so no event overtakes an unposted one', async () => {
    // Prepare: 23 events; the second batch fails, the bus would take the third.
    quietConsole();
    lambda
      .on(InvokeCommand)
      .resolvesOnce({ StatusCode: 202 })
      .rejectsOnce(new Error('throttled'))
      .resolves({ StatusCode: 202 });
    const staged = await outbox.stage(db, numbered(23));

    // Act
    const posted = await outbox.publish(db, staged);

    // Assess
    expect(posted).toBe(10);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
    expect((await rows()).filter((row) => row.posted_at === null)).toHaveLength(13);
  });

  it('never throws for an event it could never send (over 1 MB, built without stage): logs and posts none', async () => {
    const console = quietConsole();
    const [small] = await outbox.stage(db, [{ type: 'small', detail: {} }]);
    const huge = {
      id: '6a1e7c52-3f0b-4d8e-9c2a-0b1d2e3f4a5b',
      type: 'photoTaken',
      envelope: { blob: 'x'.repeat(1024 * 1024) },
    };

    expect(await outbox.publish(db, small ? [small, huge] : [])).toBe(0);

    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(console.error.mock.calls.map((call) => String(call[0])).join('\n')).toContain(huge.id);
    expect((await rows()).map((row) => row.posted_at)).toEqual([null]);
  });

  it('never throws when SEND_EVENT_ARN is not set: logs an error and posts nothing', async () => {
    const console = quietConsole();
    delete process.env.SEND_EVENT_ARN;
    const staged = await outbox.stage(db, [{ type: 'a', detail: {} }]);

    expect(await outbox.publish(db, staged)).toBe(0);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(console.error.mock.calls.map((call) => String(call[0])).join('\n')).toContain(
      'SEND_EVENT_ARN is not set',
    );
  });
});

describe('eventOutbox: relay', () => {
  it('posts the leftovers older than the grace, oldest first, with their stored envelope ids', async () => {
    // Prepare: two leftovers from one transaction, then one just stored (still its poster's).
    const old = await db.transaction((tx) =>
      outbox.stage(tx, [
        { type: 'first', detail: {} },
        { type: 'second', detail: {} },
      ]),
    );
    await age(60);
    await outbox.stage(db, [{ type: 'fresh', detail: {} }]);

    // Act
    const summary = await outbox.relay(db, { graceSeconds: 10, limit: 100 });

    // Assess
    expect(summary).toEqual({ pending: 2, posted: 2 });
    expect(sent()).toEqual([{ events: old.map((event) => event.envelope) }]);
    expect((await rows()).map((row) => [row.type, row.attempts, row.posted_at !== null])).toEqual([
      ['first', 1, true],
      ['second', 1, true],
      ['fresh', 0, false],
    ]);
  });

  it('takes at most `limit`, and retries a failed event only once the grace has passed again', async () => {
    // Prepare
    await outbox.stage(db, [
      { type: 'a', detail: {} },
      { type: 'b', detail: {} },
    ]);
    await age(60);
    lambda.on(InvokeCommand).rejects(new Error('throttled'));

    // Act: a failing run, an immediate second run, and one after the grace.
    const failing = await outbox.relay(db, { graceSeconds: 10, limit: 1 });
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const atOnce = await outbox.relay(db, { graceSeconds: 10, limit: 1 });
    await age(60);
    const later = await outbox.relay(db, { graceSeconds: 10, limit: 5 });

    // Assess
    expect(failing).toEqual({ pending: 1, posted: 0 });
    expect(atOnce).toEqual({ pending: 1, posted: 1 }); // b: a is leased by the failed attempt
    expect(later).toEqual({ pending: 1, posted: 1 }); // a, on its second attempt
    expect((await rows()).map((row) => [row.type, row.attempts, row.posted_at !== null])).toEqual([
      ['a', 2, true],
      ['b', 1, true],
    ]);
  });

  it('reposts an event that was posted but not marked with the same envelope id (the publish key)', async () => {
    const [event] = await outbox.stage(db, [{ type: 'orderPlaced', detail: {} }]);
    await outbox.publish(db, event ? [event] : []);
    await db.query('UPDATE orders.outbox SET posted_at = NULL');
    await age(60);

    await outbox.relay(db);

    const [first, second] = sent();
    expect(second).toEqual(first);
    expect(second.id).toBe(event?.id);
  });
});

describe('eventOutbox: prune', () => {
  it('deletes only events posted more than the given days ago', async () => {
    const staged = await outbox.stage(db, [
      { type: 'old', detail: {} },
      { type: 'recent', detail: {} },
      { type: 'unposted', detail: {} },
    ]);
    await outbox.publish(db, staged.slice(0, 2));
    await db.query(`UPDATE orders.outbox SET posted_at = now() - interval '8 days' WHERE type = 'old'`);
    await db.query(
      `UPDATE orders.outbox SET created_at = now() - interval '30 days' WHERE type = 'unposted'`,
    );

    const pruned = await outbox.prune(db, 7);

    expect(pruned).toBe(1);
    expect((await rows()).map((row) => row.type)).toEqual(['recent', 'unposted']);
  });
});
