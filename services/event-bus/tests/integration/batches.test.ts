import { createEvent, postEvents } from '@motorcade/lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusSystem, ENV, type SendResult, startBus } from './support/bus-system.js';
import type { RefusalsBody } from './support/ops-views.js';
import { waitFor } from './support/wait-for.js';

/** What SendEvent answers a batch with. */
interface BatchResult {
  readonly accepted: number | false;
  readonly refused: number;
  readonly events: SendResult[];
}

// The library's postEvents runs in this process, against the local cloud's edge.
const ENVIRONMENT = [
  'SEND_EVENT_ARN',
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];
const saved = Object.fromEntries(ENVIRONMENT.map((key) => [key, process.env[key]]));

let bus: BusSystem;
beforeAll(async () => {
  bus = await startBus({ fixtures: ['lambda-listener'] });
  Object.assign(process.env, {
    SEND_EVENT_ARN: bus.sendEventArn,
    AWS_ENDPOINT_URL: bus.system.cloud.edgeUrl,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: `motorcade-${ENV}`,
    AWS_SECRET_ACCESS_KEY: 'motorcade',
  });
}, 120_000);
afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await bus?.stop();
});

async function sendBatch(events: unknown): Promise<BatchResult & Omit<SendResult, 'accepted'>> {
  return (await bus.send({ events })) as unknown as BatchResult & Omit<SendResult, 'accepted'>;
}

describe('batches', () => {
  it('logs a batch in its order, with increasing ids, and delivers every event', async () => {
    // Prepare
    const events = ['a', 'b', 'c'].map((sku) =>
      createEvent('stockCounted', { sku, batch: 'ordered' }, 'tests'),
    );

    // Act
    const result = await sendBatch(events);

    // Assess
    expect(result).toMatchObject({ accepted: 3, refused: 0 });
    const ids = result.events.map((event) => BigInt(event.eventId ?? '0'));
    expect(ids[1]).toBeGreaterThan(ids[0] ?? 0n);
    expect(ids[2]).toBeGreaterThan(ids[1] ?? 0n);
    const rows = await waitFor(
      async () => {
        const received = await bus.received('bus_fixture_lambda', `detail->>'batch' = 'ordered'`);
        return received.length === 3 ? received : undefined;
      },
      { what: 'the listener to receive the three events' },
    );
    const bySku = Object.fromEntries(rows.map((row) => [row.detail.sku, row.event_id]));
    expect([bySku.a, bySku.b, bySku.c]).toEqual(result.events.map((event) => event.eventId));
  });

  it('refuses an invalid entry alone, naming its fields, and logs the others', async () => {
    // Prepare
    const good = createEvent('stockCounted', { sku: 'kept', batch: 'mixed' }, 'tests');
    const bad = { id: 'not-an-event-1', type: 'Stock Counted', source: 'tests' };

    // Act
    const result = await sendBatch([good, bad]);

    // Assess
    expect(result).toMatchObject({ accepted: 1, refused: 1 });
    expect(result.events[1]).toMatchObject({ accepted: false, code: 'INVALID_EVENT' });
    expect(result.events[1]?.message).toMatch(/event\.type.*camelCase/);
    const { body } = await bus.ops<RefusalsBody>('/refusals');
    expect(body.refusals.map((refusal) => refusal.publishKey)).toContain('not-an-event-1');
  });

  it('refuses a batch of more than ten events whole, saying the limit', async () => {
    // Prepare
    const events = Array.from({ length: 11 }, (_, n) => createEvent('stockCounted', { n }, 'tests'));

    // Act
    const result = await sendBatch(events);

    // Assess
    expect(result).toMatchObject({ accepted: false, code: 'INVALID_EVENT' });
    expect(result.message).toBe(
      'Not an event batch: events must be a list of 1 to 10 envelopes (got 11 entries)',
    );
    const { rows } = await bus.db.query(
      `SELECT count(*)::int AS n FROM event_bus.events WHERE publish_key = ANY($1)`,
      [events.map((event) => event.id)],
    );
    expect(rows[0].n).toBe(0);
  });

  it('takes what postEvents posts: 23 events in three asynchronous invokes, each batch logged in its order', async () => {
    // Prepare
    const inputs = Array.from({ length: 23 }, (_, n) => ({
      type: 'stockCounted',
      detail: { n, batch: 'posted' },
    }));

    // Act
    const envelopes = await postEvents(inputs);

    // Assess
    const rows = await waitFor(
      async () => {
        const received = await bus.received('bus_fixture_lambda', `detail->>'batch' = 'posted'`);
        return received.length === inputs.length ? received : undefined;
      },
      { what: 'the listener to receive the 23 posted events' },
    );
    // The three invokes are separate asynchronous invocations, which Lambda may run side by side:
    // the order holds within each batch.
    for (const batch of [envelopes.slice(0, 10), envelopes.slice(10, 20), envelopes.slice(20)]) {
      const logged = await bus.db.query<{ publish_key: string }>(
        'SELECT publish_key FROM event_bus.events WHERE publish_key = ANY($1) ORDER BY id',
        [batch.map((envelope) => envelope.id)],
      );
      expect(logged.rows.map((row) => row.publish_key)).toEqual(batch.map((envelope) => envelope.id));
    }
    const sent = new Map(envelopes.map((envelope, n) => [n, envelope.correlationId]));
    expect(rows.map((row) => row.correlation_id)).toEqual(rows.map((row) => sent.get(Number(row.detail.n))));
  });
});
