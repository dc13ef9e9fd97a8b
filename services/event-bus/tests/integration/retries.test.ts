import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { createEvent } from '@motorcade/lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusSystem, startBus } from './support/bus-system.js';
import {
  type DeliveriesBody,
  type ListenersBody,
  listenerOf,
  type RefusalsBody,
} from './support/ops-views.js';
import { waitFor } from './support/wait-for.js';

// Retries are due at once (no backoff) and three attempts make a dead letter, so a test can walk a
// delivery through its whole life by firing the sweep; chains stop at depth 4.
let bus: BusSystem;
beforeAll(async () => {
  bus = await startBus({
    fixtures: ['lambda-listener', 'sqs-listener'],
    busParameters: {
      RetryBaseSeconds: '0',
      MaxDeliveryAttempts: '3',
      MaxCausationDepth: '4',
      RedriveMinAgeSeconds: '0',
    },
  });
}, 120_000);
afterAll(() => bus?.stop());

async function listenerId(logicalId: string): Promise<number> {
  return listenerOf((await bus.ops<ListenersBody>('/listeners')).body, logicalId).id;
}

async function delivery(
  listener: number,
  eventId: string,
): Promise<{ status: string; attempts: number; last_error: string | null }> {
  const { rows } = await bus.db.query(
    'SELECT status, attempts, last_error FROM event_bus.deliveries WHERE listener_id = $1 AND event_id = $2',
    [listener, eventId],
  );
  return rows[0];
}

describe('retries and dead letters', () => {
  it('retries a failed delivery, dead-letters it past the budget, and redelivers it on request', async () => {
    // Prepare: the sqs listener's queue disappears, so SendMessage fails.
    const inbox = await listenerId('InboxListener');
    const outputs = bus.system.stacks.find((stack) => stack.name === 'test-sqs-listener')?.outputs ?? {};
    await bus.sqs.send(new DeleteQueueCommand({ QueueUrl: outputs.InboxUrl }));

    // Act: the first attempt fails; each sweep makes one more, until the budget (3) is spent.
    const sent = await bus.send(createEvent('orderPlaced', { colour: 'red', orderId: 'o-lost' }, 'tests'));
    const eventId = sent.eventId ?? '';
    const afterFirst = await delivery(inbox, eventId);
    const whileFailing = listenerOf((await bus.ops<ListenersBody>('/listeners')).body, 'InboxListener');
    for (const attempts of [2, 3]) {
      await bus.triggerSweep();
      await waitFor(async () => ((await delivery(inbox, eventId)).attempts >= attempts ? true : undefined), {
        what: `attempt ${attempts} of the delivery`,
      });
    }
    const dead = await bus.ops<DeliveriesBody>(`/listeners/${inbox}/deliveries?status=dead`);
    const counts = listenerOf((await bus.ops<ListenersBody>('/listeners')).body, 'InboxListener');
    await bus.sqs.send(
      new CreateQueueCommand({ QueueName: outputs.InboxName, Attributes: { VisibilityTimeout: '60' } }),
    );
    const redelivered = await bus.ops(`/listeners/${inbox}/redeliver`, { method: 'POST' });

    // Assess
    expect(sent).toMatchObject({ accepted: true, failed: 1 });
    expect(afterFirst).toMatchObject({ status: 'failed', attempts: 1 });
    expect(afterFirst.last_error).toMatch(/QueueDoesNotExist/);
    expect(dead.body.deliveries).toEqual([
      expect.objectContaining({
        eventId,
        status: 'dead',
        attempts: 3,
        lastError: expect.stringMatching(/QueueDoesNotExist/),
      }),
    ]);
    expect(whileFailing.deliveries.failed).toBe(1);
    expect(whileFailing.oldestUndeliveredEventId).toBe(eventId);
    expect(whileFailing.lagSeconds).toBeGreaterThan(0);
    expect(counts.deliveries).toMatchObject({ failed: 0, dead: 1 });
    expect(redelivered).toEqual({ status: 202, body: { listenerId: inbox, redelivered: 1 } });
    const received = await waitFor(
      async () => (await bus.received('bus_fixture_sqs', 'event_id = $1', [eventId]))[0],
      {
        what: 'the redelivered event to reach the sqs listener',
      },
    );
    expect(received.detail).toEqual({ colour: 'red', orderId: 'o-lost' });
    expect(await delivery(inbox, eventId)).toMatchObject({ status: 'delivered' });
  });
});

describe('replay', () => {
  it('redelivers the log to one listener from an event id, and from a time', async () => {
    // Prepare
    const stock = await listenerId('StockCountedListener');
    const ids: string[] = [];
    for (const sku of ['r1', 'r2', 'r3'])
      ids.push((await bus.send(createEvent('stockCounted', { sku }, 'tests'))).eventId ?? '');
    const receipts = async () => {
      const rows = await bus.received('bus_fixture_lambda', 'event_id = ANY($1::bigint[])', [ids]);
      return ids.map((id) => rows.filter((row) => row.event_id === id).length);
    };
    const reach = (expected: number[], what: string) =>
      waitFor(async () => ((await receipts()).join() === expected.join() ? true : undefined), { what });
    await reach([1, 1, 1], 'the first deliveries');
    const { rows } = await bus.db.query('SELECT time FROM event_bus.events WHERE id = $1', [ids[2]]);

    // Act
    const fromId = await bus.ops(`/listeners/${stock}/replay`, {
      method: 'POST',
      body: { fromEventId: ids[1] },
    });
    await reach([1, 2, 2], 'the replay from an id');
    const fromTime = await bus.ops(`/listeners/${stock}/replay`, {
      method: 'POST',
      body: { fromTime: rows[0].time.toISOString() },
    });
    await reach([1, 2, 3], 'the replay from a time');

    // Assess
    expect(fromId).toEqual({ status: 202, body: { listenerId: stock, scanned: 2, scheduled: 2 } });
    expect(fromTime).toEqual({ status: 202, body: { listenerId: stock, scanned: 1, scheduled: 1 } });
    expect(await receipts()).toEqual([1, 2, 3]);
  });

  it('refuses a replay that names neither an event id nor a time', async () => {
    // Act
    const response = await bus.ops<{ error: { code: string } }>(
      `/listeners/${await listenerId('StockCountedListener')}/replay`,
      {
        method: 'POST',
        body: {},
      },
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('loop protection', () => {
  it('refuses and logs an event deeper in one causation chain than the limit', async () => {
    // Act: the lambda listener re-emits every echoRequested it handles, for ever.
    const first = await bus.post('echoRequested', { loop: 'runaway' });

    // Assess
    const refusal = await waitFor(
      async () =>
        (await bus.ops<RefusalsBody>('/refusals')).body.refusals.find(
          (entry) => entry.correlationId === first.correlationId,
        ),
      { what: 'the runaway chain to be refused' },
    );
    expect(refusal).toMatchObject({ code: 'CAUSATION_TOO_DEEP', type: 'echoRequested' });
    expect(refusal.message).toMatch(/number 5 in one causation chain; the limit is 4/);
    const { rows } = await bus.db.query(
      'SELECT depth, causation_id FROM event_bus.events WHERE correlation_id = $1 ORDER BY id',
      [first.correlationId],
    );
    expect(rows.map((row) => row.depth)).toEqual([1, 2, 3, 4]);
    const handled = await bus.received('bus_fixture_lambda', 'correlation_id = $1', [first.correlationId]);
    expect(handled).toHaveLength(4);
  });
});

describe("SendEvent's dead letters", () => {
  it('are given back to SendEvent by the redrive schedule and logged once the database is back', async () => {
    // Prepare: an accepted event SendEvent never logged (the database was down through Lambda's
    // retries) sits in its dead-letter queue, as Lambda leaves it: the original payload as the body.
    const lost = createEvent('orderPlaced', { colour: 'red', orderId: 'o-unlogged' }, 'tests');
    const QueueUrl = bus.system.stacks.find((stack) => stack.name === 'test-event-bus')?.resources
      .SendEventDeadLetterQueue?.physicalId;
    await bus.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(lost) }));

    // Act
    const response = await fetch(
      `${bus.system.cloud.edgeUrl}/_motorcade/schedules/trigger?env=test&stack=test-event-bus&logicalId=RedriveUnloggedRedrive`,
      { method: 'POST' },
    );
    expect(response.ok).toBe(true);

    // Assess: logged under its own id, once, and gone from the dead-letter queue.
    const logged = await waitFor(
      async () => {
        const { rows } = await bus.db.query('SELECT id FROM event_bus.events WHERE publish_key = $1', [
          lost.id,
        ]);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the dead letter to be logged' },
    );
    expect(logged).toHaveLength(1);
    const left = await bus.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect((left.Messages ?? []).map((message) => JSON.parse(message.Body ?? '{}').id)).not.toContain(
      lost.id,
    );
  });
});
