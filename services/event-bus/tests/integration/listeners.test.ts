import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
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

// One local cloud for the file: the bus, a service listening by Lambda and one listening by SQS.
let bus: BusSystem;
beforeAll(async () => {
  bus = await startBus({ fixtures: ['lambda-listener', 'sqs-listener'] });
}, 120_000);
afterAll(() => bus?.stop());

async function listeners(): Promise<ListenersBody> {
  const { status, body } = await bus.ops<ListenersBody>('/listeners');
  expect(status).toBe(200);
  return body;
}

async function deliveredTo(listenerId: number, eventId: string): Promise<boolean> {
  const { rows } = await bus.db.query(
    `SELECT 1 FROM event_bus.deliveries WHERE listener_id = $1 AND event_id = $2`,
    [listenerId, eventId],
  );
  return rows.length > 0;
}

describe('registration through stack deploys', () => {
  it('registers the listeners a stack declares when it is deployed', async () => {
    // Act
    const body = await listeners();

    // Assess
    const orders = listenerOf(body, 'OrderPlacedListener');
    expect(orders).toMatchObject({
      event: 'orderPlaced',
      type: 'lambda',
      filter: { colour: ['red', 'green'] },
    });
    expect(orders.arn).toMatch(
      /^arn:aws:lambda:eu-west-1:123456789012:function:test-lambda-listener-Record-/,
    );
    expect(listenerOf(body, 'InboxListener')).toMatchObject({ event: 'orderPlaced', type: 'sqs' });
    expect(listenerOf(body, 'InboxListener').arn).toMatch(
      /^arn:aws:sqs:eu-west-1:123456789012:test-sqs-listener-Inbox-/,
    );
    expect(body.listeners.map((listener) => listener.logicalId).sort()).toEqual([
      'DurableTickListener',
      'EchoRequestedListener',
      'InboxListener',
      'OrderPlacedListener',
      'ParcelWeighedListener',
      'StockCountedListener',
    ]);
  });

  it('changes a listener in place when its stack updates it', async () => {
    // Prepare
    const before = listenerOf(await listeners(), 'OrderPlacedListener');

    // Act
    await bus.deploy('lambda-listener', { Colours: 'blue' });
    const blue = await bus.send(createEvent('orderPlaced', { colour: 'blue' }, 'tests'));
    const red = await bus.send(createEvent('orderPlaced', { colour: 'red' }, 'tests'));
    await bus.deploy('lambda-listener', { Colours: 'red,green' });

    // Assess
    const after = listenerOf(await listeners(), 'OrderPlacedListener');
    expect(after.id).toBe(before.id);
    expect(await deliveredTo(before.id, blue.eventId ?? '')).toBe(true);
    expect(await deliveredTo(before.id, red.eventId ?? '')).toBe(false);
    expect(after.filter).toEqual({ colour: ['red', 'green'] });
  });

  it.each([
    [
      'an unknown type',
      { ListenerType: 'sns', ListenerArn: 'arn:aws:sns:eu-west-1:123456789012:topic' },
      /Type "sns" is not a listener type: use lambda or sqs/,
    ],
    [
      'a malformed ARN',
      { ListenerType: 'lambda', ListenerArn: 'allocate-function' },
      /Arn "allocate-function" is not a Lambda function ARN/,
    ],
    [
      'a queue ARN for a lambda listener',
      { ListenerType: 'lambda', ListenerArn: 'arn:aws:sqs:eu-west-1:123456789012:orders' },
      /is not a Lambda function ARN/,
    ],
    [
      'a bad filter',
      {
        ListenerType: 'sqs',
        ListenerArn: 'arn:aws:sqs:eu-west-1:123456789012:orders',
        ListenerFilter: '{"weight": [{"cidr": "10.0.0.0/8"}]}',
      },
      /Filter is not a valid content pattern: weight\[0\]: operator "cidr" is not supported/,
    ],
    [
      'an event type that is not camelCase',
      {
        EventType: 'Order Placed',
        ListenerType: 'sqs',
        ListenerArn: 'arn:aws:sqs:eu-west-1:123456789012:orders',
      },
      /Event "Order Placed" is not an event type/,
    ],
  ])('refuses a listener with %s and names what is wrong', async (_case, parameters, reason) => {
    // Act
    const deploying = bus.deploy('bad-listener', parameters);

    // Assess
    await expect(deploying).rejects.toThrow(reason);
    expect(bus.system.cloud.environment('test').stacks.get('test-bad-listener')).toBeUndefined();
  });
});

describe('delivery', () => {
  it('delivers an event to a lambda listener and to an sqs listener, with the bus id and time', async () => {
    // Prepare
    const event = createEvent('orderPlaced', { colour: 'red', orderId: 'o-1' }, 'tests');

    // Act
    const result = await bus.send(event);

    // Assess
    expect(result).toMatchObject({ accepted: true, duplicate: false, delivered: 2, failed: 0 });
    const eventId = result.eventId ?? '';
    expect(eventId).toMatch(/^[1-9]\d*$/);
    const byLambda = await waitFor(
      async () => (await bus.received('bus_fixture_lambda', 'event_id = $1', [eventId]))[0],
      {
        what: 'the lambda listener to receive the event',
      },
    );
    const bySqs = await waitFor(
      async () => (await bus.received('bus_fixture_sqs', 'event_id = $1', [eventId]))[0],
      {
        what: 'the sqs listener to receive the event',
      },
    );
    for (const row of [byLambda, bySqs]) {
      expect(row.envelope).toMatchObject({
        id: eventId,
        type: 'orderPlaced',
        source: 'tests',
        detail: { colour: 'red', orderId: 'o-1' },
        correlationId: event.correlationId,
      });
      // The bus stamps its own time: the log's, not the publisher's.
      const { rows } = await bus.db.query('SELECT time FROM event_bus.events WHERE id = $1', [eventId]);
      expect(row.envelope.time).toBe(rows[0].time.toISOString());
    }
  });

  it('gives events strictly increasing ids in the order they are logged', async () => {
    // Act
    const first = await bus.send(createEvent('stockCounted', { sku: 'a' }, 'tests'));
    const second = await bus.send(createEvent('stockCounted', { sku: 'b' }, 'tests'));

    // Assess
    expect(BigInt(second.eventId ?? '0')).toBeGreaterThan(BigInt(first.eventId ?? '0'));
  });

  it('logs an event once however often it is sent (a retried SendEvent or publisher)', async () => {
    // Prepare
    const event = createEvent('stockCounted', { sku: 'twice' }, 'tests');

    // Act
    const first = await bus.send(event);
    const again = await bus.send(event);

    // Assess
    expect(again).toMatchObject({ accepted: true, eventId: first.eventId, duplicate: true, delivered: 0 });
    const { rows } = await bus.db.query(
      'SELECT count(*)::int AS n FROM event_bus.events WHERE publish_key = $1',
      [event.id],
    );
    expect(rows[0].n).toBe(1);
    const deliveries = await bus.db.query('SELECT status FROM event_bus.deliveries WHERE event_id = $1', [
      first.eventId,
    ]);
    expect(deliveries.rows).toEqual([{ status: 'delivered' }]);
  });

  it('delivers an event posted asynchronously, as postEvent posts it', async () => {
    // Act
    const event = await bus.post('stockCounted', { sku: 'async' });

    // Assess
    const row = await waitFor(
      async () => (await bus.received('bus_fixture_lambda', `detail->>'sku' = 'async'`))[0],
      { what: 'the listener to receive the asynchronously posted event' },
    );
    expect(row.correlation_id).toBe(event.correlationId);
  });

  it("hands a failing lambda listener to Lambda, whose retries end at the function's on-failure destination", async () => {
    // Prepare
    const queueUrl = bus.system.stacks.find((stack) => stack.name === 'test-lambda-listener')?.outputs
      .FailedEventsUrl;

    // Act
    const result = await bus.send(createEvent('stockCounted', { sku: 'broken', fail: true }, 'tests'));

    // Assess
    expect(result).toMatchObject({ accepted: true, delivered: 1 });
    const record = await waitFor(
      async () => {
        const { Messages } = await bus.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }),
        );
        const body = Messages?.[0]?.Body;
        return body === undefined ? undefined : JSON.parse(body);
      },
      { what: 'the on-failure destination to receive the event', timeoutMs: 20_000 },
    );
    expect(record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 2 });
    expect(record.requestPayload).toMatchObject({
      id: result.eventId,
      detail: { sku: 'broken', fail: true },
    });
  });
});

describe('filters', () => {
  const parcel = (detail: Record<string, unknown>) => createEvent('parcelWeighed', detail, 'tests');
  const wanted = {
    weightKg: 250,
    route: 'EU-12',
    priority: 'high',
    customs: { reference: 'C-9' },
    fragile: true,
  };

  it.each([
    ['matches every condition', wanted, true],
    ['is at the upper bound of the range', { ...wanted, weightKg: 500 }, true],
    ['is too light', { ...wanted, weightKg: 100 }, false],
    ['weighs a string, not a number', { ...wanted, weightKg: '250' }, false],
    ['is routed outside the EU', { ...wanted, route: 'US-3' }, false],
    ['has low priority', { ...wanted, priority: 'low' }, false],
    ['has no customs reference', { ...wanted, customs: {} }, false],
    ['is not fragile', { ...wanted, fragile: false }, false],
    ['has one matching route in a list', { ...wanted, route: ['US-3', 'EU-4'] }, true],
  ])('delivers a parcel that %s: %s', async (_case, detail, expected) => {
    // Prepare
    const listenerId = listenerOf(await listeners(), 'ParcelWeighedListener').id;

    // Act
    const result = await bus.send(parcel(detail));

    // Assess
    expect(result.accepted).toBe(true);
    expect(await deliveredTo(listenerId, result.eventId ?? '')).toBe(expected);
  });

  it('matches a CloudFormation-object filter whose values arrived as strings', async () => {
    // Prepare
    const body = await listeners();

    // Act
    const green = await bus.send(createEvent('orderPlaced', { colour: 'green' }, 'tests'));
    const purple = await bus.send(createEvent('orderPlaced', { colour: 'purple' }, 'tests'));

    // Assess
    expect(await deliveredTo(listenerOf(body, 'OrderPlacedListener').id, green.eventId ?? '')).toBe(true);
    expect(await deliveredTo(listenerOf(body, 'InboxListener').id, green.eventId ?? '')).toBe(false);
    expect(await deliveredTo(listenerOf(body, 'OrderPlacedListener').id, purple.eventId ?? '')).toBe(false);
  });
});

describe('refusals', () => {
  it('refuses an event over 1 MB with a clear error instead of truncating it', async () => {
    // Act
    const result = await bus.send(createEvent('stockCounted', { blob: 'x'.repeat(1024 * 1024) }, 'tests'));

    // Assess
    expect(result).toMatchObject({ accepted: false, code: 'EVENT_TOO_LARGE' });
    expect(result.message).toMatch(/the limit is 1048576 \(1 MB/);
    const { body } = await bus.ops<RefusalsBody>('/refusals');
    expect(body.refusals[0]).toMatchObject({
      code: 'EVENT_TOO_LARGE',
      type: 'stockCounted',
      source: 'tests',
    });
  });

  it('refuses something that is not an event envelope, naming the fields', async () => {
    // Act
    const result = await bus.send({ type: 'Stock Counted', detail: {} });

    // Assess
    expect(result).toMatchObject({ accepted: false, code: 'INVALID_EVENT' });
    expect(result.message).toMatch(/event\.id.*event\.type/);
  });
});

describe('loop protection with the defaults', () => {
  it("stops a listener that re-emits its own trigger at depth 16, where Lambda's recursion detection also stands", async () => {
    // Prepare
    const deadLetters = bus.system.stacks.find((stack) => stack.name === 'test-event-bus')?.resources
      .SendEventDeadLetterQueue?.physicalId;

    // Act: the lambda listener re-emits every echoRequested it handles.
    const first = await bus.post('echoRequested', { loop: 'default-limit' });

    // Assess: the 17th SendEvent of the chain is Lambda's 17th invocation of one function in one
    // trace lineage, so Lambda drops it to SendEvent's dead-letter queue before the bus sees it.
    const dropped = await waitFor(
      async () => {
        const { Messages } = await bus.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: deadLetters, WaitTimeSeconds: 1 }),
        );
        return Messages?.map((message) => JSON.parse(message.Body ?? '{}')).find(
          (event) => event.correlationId === first.correlationId,
        );
      },
      { what: "the 17th event of the chain to reach SendEvent's dead-letter queue", timeoutMs: 30_000 },
    );
    expect(dropped).toMatchObject({ type: 'echoRequested', detail: { loop: 'default-limit' } });
    const { rows } = await bus.db.query(
      'SELECT max(depth)::int AS deepest, count(*)::int AS n FROM event_bus.events WHERE correlation_id = $1',
      [first.correlationId],
    );
    expect(rows[0]).toEqual({ deepest: 16, n: 16 });
  });
});

describe('the ops API', () => {
  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
  ])('refuses a request with %s', async (_case, headers) => {
    // Act
    const response = await fetch(`${bus.system.api('event-bus')}/listeners`, { headers });

    // Assess
    expect(response.status).toBe(401);
  });

  it("lists recent events newest first, and a listener's deliveries by status", async () => {
    // Prepare
    const sent = await bus.send(createEvent('stockCounted', { sku: 'listed' }, 'tests'));
    const stock = listenerOf(await listeners(), 'StockCountedListener');

    // Act
    const events = await bus.ops<{ events: { id: string; detail: unknown }[] }>(
      '/events?type=stockCounted&limit=2',
    );
    const delivered = await bus.ops<DeliveriesBody>(`/listeners/${stock.id}/deliveries?status=delivered`);
    const missing = await bus.ops<{ error: { code: string } }>('/listeners/999999/redeliver', {
      method: 'POST',
    });

    // Assess
    expect(events.body.events[0]).toMatchObject({ id: sent.eventId, detail: { sku: 'listed' } });
    expect(events.body.events).toHaveLength(2);
    expect(delivered.body.deliveries[0]).toMatchObject({
      eventId: sent.eventId,
      status: 'delivered',
      attempts: 1,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('LISTENER_NOT_FOUND');
  });
});

describe('removal', () => {
  it("removes a stack's listeners when the stack is deleted", async () => {
    // Prepare
    const inbox = listenerOf(await listeners(), 'InboxListener');

    // Act
    await bus.destroy('test-sqs-listener');
    const after = await bus.send(createEvent('orderPlaced', { colour: 'red' }, 'tests'));

    // Assess
    expect((await listeners()).listeners.map((listener) => listener.id)).not.toContain(inbox.id);
    expect(await deliveredTo(inbox.id, after.eventId ?? '')).toBe(false);
    expect(after).toMatchObject({ accepted: true, delivered: 1 });
  });
});
