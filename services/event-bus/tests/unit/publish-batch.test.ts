import { beforeEach, describe, expect, it } from 'vitest';
import { RegistryCache } from '../../src/domain/listener-registry.js';
import type { ListenerTarget } from '../../src/domain/listener-target.js';
import type { AppendRequest, AppendResult } from '../../src/domain/ports.js';
import {
  type BatchEntry,
  type PublishDependencies,
  type PublishRequest,
  publishBatch,
} from '../../src/domain/publish.js';
import { MemoryBus, RecordingTransport } from './support/memory-bus.js';

const A = 'arn:aws:lambda:eu-west-1:123456789012:function:a';
const Q = 'arn:aws:sqs:eu-west-1:123456789012:q';

/** A bus whose appends can be watched and made to fail. */
class WatchedBus extends MemoryBus {
  readonly appended: string[] = [];
  failAppendOf?: string;

  override async append(request: AppendRequest): Promise<AppendResult> {
    if (request.publishKey === this.failAppendOf) throw new Error('connection terminated');
    const result = await super.append(request);
    this.appended.push(request.publishKey);
    return result;
  }
}

/** A transport whose deliveries wait until told to go. */
class GatedTransport extends RecordingTransport {
  readonly started: string[] = [];
  #open!: () => void;
  readonly gate = new Promise<void>((resolve) => {
    this.#open = resolve;
  });

  open(): void {
    this.#open();
  }

  override async deliver(target: ListenerTarget, envelope: string): Promise<void> {
    this.started.push(JSON.parse(envelope).id);
    await this.gate;
    return super.deliver(target, envelope);
  }
}

let store: WatchedBus;
let transport: RecordingTransport;
let counter = 0;

function request(overrides: Partial<PublishRequest> = {}): { request: PublishRequest } {
  counter += 1;
  return {
    request: {
      publishKey: `key-${counter}`,
      type: 'orderPlaced',
      source: 'orders',
      publishedAt: '2026-11-28T09:59:59.000Z',
      detail: { n: counter },
      correlationId: 'corr-1',
      ...overrides,
    },
  };
}

function dependencies(): PublishDependencies {
  return {
    log: store,
    ledger: store,
    registry: new RegistryCache(() => store.loadRegistry()),
    transport,
    policy: { maxAttempts: 3, baseSeconds: 60, maxSeconds: 3600 },
    maxDepth: 3,
    leaseSeconds: 60,
  };
}

beforeEach(() => {
  store = new WatchedBus();
  transport = new RecordingTransport();
});

describe('publishing a batch', () => {
  it('logs its events in the order given, with increasing ids, and delivers each to its listeners', async () => {
    // Prepare
    store.add('orderPlaced', { type: 'lambda', arn: A });
    store.add('orderPlaced', { type: 'sqs', arn: Q });
    const entries = [request(), request(), request()];

    // Act
    const results = await publishBatch(entries, dependencies());

    // Assess
    expect(store.appended).toEqual(entries.map((entry) => entry.request.publishKey));
    expect(results.map((result) => result.accepted && result.eventId)).toEqual(['1', '2', '3']);
    expect(results.every((result) => result.accepted && result.delivered === 2)).toBe(true);
    const toA = transport.sent.filter((sent) => sent.arn === A).map((sent) => sent.envelope.detail);
    expect(toA).toEqual(entries.map((entry) => entry.request.detail));
  });

  it('refuses an invalid entry alone and logs the others', async () => {
    // Prepare
    store.add('orderPlaced', { type: 'lambda', arn: A });
    const invalid: BatchEntry = {
      refusal: {
        request: { publishKey: 'bad-1' },
        code: 'INVALID_EVENT',
        message: 'Not an event envelope: type',
      },
    };

    // Act
    const results = await publishBatch([request(), invalid, request()], dependencies());

    // Assess
    expect(results.map((result) => result.accepted)).toEqual([true, false, true]);
    expect(results[1]).toEqual({
      accepted: false,
      code: 'INVALID_EVENT',
      message: 'Not an event envelope: type',
    });
    expect(store.refusals.map((refusal) => refusal.publishKey)).toEqual(['bad-1']);
    expect(transport.sent).toHaveLength(2);
  });

  it('logs the next event while the deliveries of the one before are still under way', async () => {
    // Prepare
    store.add('orderPlaced', { type: 'lambda', arn: A });
    const gated = new GatedTransport();
    transport = gated;
    const entries = [request(), request(), request()];

    // Act
    const publishing = publishBatch(entries, dependencies());
    while (store.appended.length < entries.length) await new Promise((resolve) => setImmediate(resolve));
    const startedBeforeOpen = [...gated.started];
    gated.open();
    const results = await publishing;

    // Assess: every event was logged before any delivery finished, and all were delivered.
    expect(startedBeforeOpen).toEqual(['1', '2', '3']);
    expect(results.every((result) => result.accepted && result.delivered === 1)).toBe(true);
  });

  it('lets the deliveries under way finish and be recorded before it throws a failed append', async () => {
    // Prepare
    const listener = store.add('orderPlaced', { type: 'lambda', arn: A });
    const gated = new GatedTransport();
    transport = gated;
    const [first, second, third] = [request(), request(), request()];
    store.failAppendOf = second.request.publishKey;
    setTimeout(() => gated.open(), 20);

    // Act
    const error = await publishBatch([first, second, third], dependencies()).catch(
      (caught: unknown) => caught,
    );

    // Assess: the first event is delivered and recorded, the third never logged; a retry of the
    // batch would find the first logged (a duplicate with nothing left to deliver).
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('connection terminated');
    expect(store.appended).toEqual([first.request.publishKey]);
    expect(store.statusOf('1')).toEqual({ [listener]: 'delivered' });
  });
});
