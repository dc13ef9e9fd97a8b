import { beforeEach, describe, expect, it } from 'vitest';
import {
  changeListener,
  listenerIdOf,
  physicalIdOf,
  registerListener,
  unregisterListener,
} from '../../src/domain/listener-registration.js';
import { MemoryBus } from './support/memory-bus.js';

const resource = {
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/allocation/1',
  logicalId: 'AcceptedListener',
};
const properties = {
  Event: 'allocationAccepted',
  Type: 'lambda',
  Arn: 'arn:aws:lambda:eu-west-1:123456789012:function:allocate',
};

let store: MemoryBus;
beforeEach(() => {
  store = new MemoryBus();
});

describe('registration through the custom resource', () => {
  it('registers a listener once, however often Create is sent for the same resource', async () => {
    // Act
    const first = await registerListener(resource, properties, store);
    const again = await registerListener(resource, properties, store);

    // Assess
    expect(again).toEqual(first);
    expect(first.physicalId).toBe(`event-listener-${first.listenerId}`);
    expect(store.listeners).toHaveLength(1);
  });

  it('updates a listener in place, keeping its physical id', async () => {
    // Prepare
    const { physicalId } = await registerListener(resource, properties, store);

    // Act
    const updated = await changeListener(
      physicalId,
      resource,
      { ...properties, Filter: { region: ['eu'] } },
      store,
    );

    // Assess
    expect(updated.physicalId).toBe(physicalId);
    expect(await store.find(updated.listenerId)).toMatchObject({
      filter: { region: ['eu'] },
      filterLoose: true,
    });
  });

  it('registers again a listener whose registration was lost', async () => {
    // Act
    const updated = await changeListener('event-listener-77', resource, properties, store);

    // Assess
    expect(updated.listenerId).toBe(1);
  });

  it('removes a listener, and treats a delete of an unknown one as done', async () => {
    // Prepare
    const { physicalId, listenerId } = await registerListener(resource, properties, store);

    // Act
    const removed = await unregisterListener(physicalId, store);
    const again = await unregisterListener(physicalId, store);
    const failedCreate = await unregisterListener('AcceptedListener-6f2c', store);

    // Assess
    expect([removed, again, failedCreate]).toEqual([true, false, false]);
    expect(await store.find(listenerId)).toBeUndefined();
  });

  it.each([
    ['event-listener-12', 12],
    ['event-listener-0', undefined],
    ['listener-12', undefined],
    [undefined, undefined],
  ])('reads the listener id of physical id %s', (physicalId, expected) => {
    // Act, Assess
    expect(listenerIdOf(physicalId)).toBe(expected);
    if (expected !== undefined) expect(physicalIdOf(expected)).toBe(physicalId);
  });
});
