import { beforeEach, describe, expect, it } from 'vitest';
import { RegistryCache } from '../../src/domain/listener-registry.js';
import { type PublishDependencies, type PublishRequest, publish } from '../../src/domain/publish.js';
import { MemoryBus, RecordingTransport } from './support/memory-bus.js';

const A = 'arn:aws:lambda:eu-west-1:123456789012:function:a';
const B = 'arn:aws:lambda:eu-west-1:123456789012:function:b';
const Q = 'arn:aws:sqs:eu-west-1:123456789012:q';

let store: MemoryBus;
let transport: RecordingTransport;
let deps: PublishDependencies;
let counter = 0;

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  counter += 1;
  return {
    publishKey: `key-${counter}`,
    type: 'orderPlaced',
    source: 'orders',
    publishedAt: '2026-11-28T09:59:59.000Z',
    detail: { colour: 'red' },
    correlationId: 'corr-1',
    ...overrides,
  };
}

beforeEach(() => {
  store = new MemoryBus();
  transport = new RecordingTransport();
  deps = {
    log: store,
    ledger: store,
    registry: new RegistryCache(() => store.loadRegistry()),
    transport,
    policy: { maxAttempts: 3, baseSeconds: 60, maxSeconds: 3600 },
    maxDepth: 3,
    leaseSeconds: 60,
  };
});

describe('publishing an event', () => {
  it('logs it and delivers it to every listener of its type whose filter matches', async () => {
    // Prepare
    const a = store.add('orderPlaced', { type: 'lambda', arn: A });
    const q = store.add('orderPlaced', { type: 'sqs', arn: Q }, { colour: ['red'] });
    store.add('orderPlaced', { type: 'lambda', arn: B }, { colour: ['blue'] });
    store.add('orderShipped', { type: 'lambda', arn: B });

    // Act
    const result = await publish(request(), deps);

    // Assess
    expect(result).toMatchObject({
      accepted: true,
      eventId: '1',
      duplicate: false,
      delivered: 2,
      failures: [],
    });
    expect(transport.sent.map((entry) => entry.arn).sort()).toEqual([A, Q]);
    expect(transport.sent[0]?.envelope).toEqual({
      id: '1',
      type: 'orderPlaced',
      source: 'orders',
      time: '2026-11-28T10:00:00.000Z',
      detail: { colour: 'red' },
      correlationId: 'corr-1',
    });
    expect(store.statusOf('1')).toEqual({ [a]: 'delivered', [q]: 'delivered' });
  });

  it('logs an event no listener wants, for a later replay', async () => {
    // Act
    const result = await publish(request({ type: 'nobodyCares' }), deps);

    // Assess
    expect(result).toMatchObject({ accepted: true, delivered: 0 });
    expect(store.events).toHaveLength(1);
  });

  it('records a failed delivery for a retry and still delivers to the others', async () => {
    // Prepare
    const a = store.add('orderPlaced', { type: 'lambda', arn: A });
    const b = store.add('orderPlaced', { type: 'lambda', arn: B });
    transport.failing.set(A, { message: 'TooManyRequestsException: Rate Exceeded.', permanent: false });

    // Act
    const result = await publish(request(), deps);

    // Assess
    expect(result).toMatchObject({ accepted: true, delivered: 1 });
    expect(result.accepted && result.failures[0]?.outcome).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'TooManyRequestsException: Rate Exceeded.',
    });
    expect(store.statusOf('1')).toEqual({ [a]: 'failed', [b]: 'delivered' });
  });

  it('logs a publish key once: a retry delivers only what was never attempted', async () => {
    // Prepare: the first SendEvent logged the event and died before delivering to B.
    store.add('orderPlaced', { type: 'lambda', arn: A });
    const b = store.add('orderPlaced', { type: 'lambda', arn: B });
    const event = request();
    await publish(event, deps);
    const delivery = store.deliveries.find((entry) => entry.listenerId === b);
    Object.assign(delivery ?? {}, { status: 'pending', attempts: 0 });
    transport.sent.length = 0;

    // Act
    const retried = await publish(event, deps);

    // Assess
    expect(retried).toMatchObject({ accepted: true, eventId: '1', duplicate: true, delivered: 1 });
    expect(store.events).toHaveLength(1);
    expect(transport.sent.map((entry) => entry.arn)).toEqual([B]);
  });

  it('reloads its registry when a listener changed since it was loaded', async () => {
    // Prepare: this environment loaded the registry before listener B was registered.
    store.add('orderPlaced', { type: 'lambda', arn: A });
    await publish(request(), deps);
    store.add('orderPlaced', { type: 'lambda', arn: B });
    transport.sent.length = 0;

    // Act
    const result = await publish(request(), deps);

    // Assess
    expect(result).toMatchObject({ accepted: true, delivered: 2 });
    expect(transport.sent.map((entry) => entry.arn).sort()).toEqual([A, B]);
    expect(store.loads).toBe(2);
  });

  it('keeps the loaded registry while nothing changed', async () => {
    // Prepare
    store.add('orderPlaced', { type: 'lambda', arn: A });

    // Act
    for (let n = 0; n < 5; n += 1) await publish(request(), deps);

    // Assess
    expect(store.loads).toBe(1);
  });

  it('refuses an event deeper in its causation chain than the limit', async () => {
    // Prepare: each event is caused by the one before (the listener stamps the bus id).
    let cause: string | undefined;
    const results = [];

    // Act
    for (let n = 0; n < 4; n += 1) {
      const result = await publish(request({ causationId: cause }), deps);
      results.push(result);
      cause = result.accepted ? result.eventId : cause;
    }

    // Assess
    expect(results.map((result) => result.accepted)).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ code: 'CAUSATION_TOO_DEEP' });
    expect(store.refusals).toEqual([
      expect.objectContaining({ code: 'CAUSATION_TOO_DEEP', causationId: '3', correlationId: 'corr-1' }),
    ]);
  });

  it('starts a new chain for an event caused by a request, not an event', async () => {
    // Act
    await publish(request({ causationId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef' }), deps);

    // Assess
    expect(store.events[0]?.depth).toBe(1);
  });

  it('refuses an event over 1 MB without logging it', async () => {
    // Act
    const result = await publish(request({ detail: { blob: 'x'.repeat(1024 * 1024) } }), deps);

    // Assess
    expect(result).toMatchObject({ accepted: false, code: 'EVENT_TOO_LARGE' });
    expect(store.events).toHaveLength(0);
    expect(store.refusals[0]).toMatchObject({ code: 'EVENT_TOO_LARGE', type: 'orderPlaced' });
  });
});
