import { beforeEach, describe, expect, it } from 'vitest';
import { ListenerNotFoundError } from '../../src/domain/errors.js';
import { RegistryCache } from '../../src/domain/listener-registry.js';
import { type PublishDependencies, publish } from '../../src/domain/publish.js';
import { redeliverDeadLetters } from '../../src/domain/redeliver.js';
import { replay } from '../../src/domain/replay.js';
import { sweepDue } from '../../src/domain/sweep.js';
import { CountingTrigger, MemoryBus, RecordingTransport } from './support/memory-bus.js';

const A = 'arn:aws:lambda:eu-west-1:123456789012:function:a';

let store: MemoryBus;
let transport: RecordingTransport;
let trigger: CountingTrigger;
let deps: PublishDependencies;
const policy = { maxAttempts: 3, baseSeconds: 0, maxSeconds: 0 };
let counter = 0;

async function post(detail: unknown): Promise<string> {
  counter += 1;
  const result = await publish(
    {
      publishKey: `k${counter}`,
      type: 'stockCounted',
      source: 's',
      publishedAt: '2026-11-28T00:00:00Z',
      detail,
      correlationId: 'c',
    },
    deps,
  );
  if (!result.accepted) throw new Error(result.message);
  return result.eventId;
}

const sweep = (timeIsUp = () => false) =>
  sweepDue({ ledger: store, transport, policy, batchSize: 2, leaseSeconds: 120, timeIsUp });

beforeEach(() => {
  store = new MemoryBus();
  transport = new RecordingTransport();
  trigger = new CountingTrigger();
  deps = {
    log: store,
    ledger: store,
    registry: new RegistryCache(() => store.loadRegistry()),
    transport,
    policy,
    maxDepth: 16,
    leaseSeconds: 60,
  };
});

describe('the retry sweep', () => {
  it('retries failed deliveries until they succeed', async () => {
    // Prepare
    const listener = store.add('stockCounted', { type: 'lambda', arn: A });
    transport.failing.set(A, { message: 'throttled', permanent: false });
    const ids = [await post({ n: 1 }), await post({ n: 2 }), await post({ n: 3 })];
    transport.failing.clear();

    // Act: batches of two, until nothing is due.
    const summary = await sweep();

    // Assess
    expect(summary).toMatchObject({ attempted: 3, delivered: 3, failed: 0, dead: 0 });
    expect(ids.map((id) => store.statusOf(id)[listener])).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('dead-letters a delivery on the attempt that spends the budget', async () => {
    // Prepare
    const listener = store.add('stockCounted', { type: 'lambda', arn: A });
    transport.failing.set(A, { message: 'ResourceNotFoundException', permanent: false });
    const id = await post({ n: 1 });

    // Act
    const second = await sweep();
    const third = await sweep();
    const fourth = await sweep();

    // Assess
    expect([second.failed, third.dead, fourth.attempted]).toEqual([1, 1, 0]);
    expect(store.statusOf(id)[listener]).toBe('dead');
  });

  it('stops claiming when its time is up', async () => {
    // Prepare
    store.add('stockCounted', { type: 'lambda', arn: A });
    transport.failing.set(A, { message: 'throttled', permanent: false });
    await post({ n: 1 });

    // Act
    const summary = await sweep(() => true);

    // Assess
    expect(summary.attempted).toBe(0);
  });

  it('redelivers dead letters with a fresh budget when asked', async () => {
    // Prepare
    const listener = store.add('stockCounted', { type: 'lambda', arn: A });
    transport.failing.set(A, { message: 'gone', permanent: true });
    const id = await post({ n: 1 });
    transport.failing.clear();

    // Act
    const result = await redeliverDeadLetters(listener, undefined, {
      listeners: store,
      ledger: store,
      trigger,
    });
    await sweep();

    // Assess
    expect(result).toEqual({ listenerId: listener, redelivered: 1 });
    expect(trigger.reasons).toHaveLength(1);
    expect(store.statusOf(id)[listener]).toBe('delivered');
  });

  it('refuses to redeliver to a listener that is not registered', async () => {
    // Act
    const redelivering = redeliverDeadLetters(99, undefined, { listeners: store, ledger: store, trigger });

    // Assess
    await expect(redelivering).rejects.toBeInstanceOf(ListenerNotFoundError);
  });
});

describe('replay', () => {
  it("schedules the events of the listener's type that its filter matches, from an id on", async () => {
    // Prepare: a listener that joins late, wanting only large counts.
    const ids = [await post({ n: 1 }), await post({ n: 50 }), await post({ n: 70 }), await post({ n: 2 })];
    const late = store.add('stockCounted', { type: 'lambda', arn: A }, { n: [{ numeric: ['>', 10] }] });

    // Act
    const result = await replay(late, { fromEventId: ids[1] as string }, 100, {
      listeners: store,
      events: store,
      ledger: store,
      trigger,
    });
    await sweep();

    // Assess
    expect(result).toEqual({ listenerId: late, scanned: 3, scheduled: 2 });
    expect(transport.sent.map((entry) => entry.envelope.detail)).toEqual([{ n: 50 }, { n: 70 }]);
  });

  it('says where to continue when the page is full', async () => {
    // Prepare
    const listener = store.add('stockCounted', { type: 'lambda', arn: A });
    const ids = [await post({ n: 1 }), await post({ n: 2 }), await post({ n: 3 })];

    // Act
    const result = await replay(listener, { fromTime: new Date(0) }, 2, {
      listeners: store,
      events: store,
      ledger: store,
      trigger,
    });

    // Assess
    expect(result).toEqual({ listenerId: listener, scanned: 2, scheduled: 2, nextFromEventId: ids[2] });
  });

  it('refuses a page size out of range', async () => {
    // Act
    const replaying = replay(1, { fromEventId: '1' }, 0, {
      listeners: store,
      events: store,
      ledger: store,
      trigger,
    });

    // Assess
    await expect(replaying).rejects.toMatchObject({ code: 'INVALID_REPLAY' });
  });
});
