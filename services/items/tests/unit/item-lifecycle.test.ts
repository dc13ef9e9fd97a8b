import { describe, expect, it } from 'vitest';
import {
  ITEM_STATUSES,
  ITEM_TRANSITIONS,
  ITEMS_ERROR,
  type ItemActor,
  type ItemChange,
  type ItemStatus,
  isFinal,
  nextStatuses,
  transitionItem,
} from '../../src/domain/index.js';
import { CLIENT, DRIVER, itemIn, NOW, ORG } from './support/items.js';

const client: ItemActor = { kind: 'client', clientId: CLIENT, orgId: ORG };
const driver: ItemActor = { kind: 'driver', userId: DRIVER, orgId: ORG };
const allocation: ItemActor = { kind: 'allocation' };
const actors = { client, driver, allocation } as const;
const assignment = { vehicleId: 'vehicle-1', driverId: DRIVER };
const later = new Date(NOW.getTime() + 60_000);

const changeTo = (to: ItemStatus): ItemChange => (to === 'allocated' ? { to, assignment } : { to });

describe('the item lifecycle', () => {
  it.each([
    { actor: 'allocation', from: 'created', to: 'allocating' },
    { actor: 'allocation', from: 'created', to: 'allocated' },
    { actor: 'allocation', from: 'allocating', to: 'allocated' },
    { actor: 'allocation', from: 'allocating', to: 'unallocated' },
    { actor: 'driver', from: 'allocated', to: 'picked_up' },
    { actor: 'driver', from: 'picked_up', to: 'delivered' },
    { actor: 'driver', from: 'picked_up', to: 'failed' },
    { actor: 'client', from: 'created', to: 'cancelled' },
    { actor: 'client', from: 'allocated', to: 'cancelled' },
  ] as const)('lets $actor move an item from $from to $to', ({ actor, from, to }) => {
    // Act
    const result = transitionItem(itemIn(from), changeTo(to), actors[actor], later);

    // Assess
    expect(result.outcome).toBe('changed');
    expect(result.item).toMatchObject({ status: to, updatedAt: later.toISOString() });
  });

  it.each([
    { actor: 'driver', from: 'allocated', to: 'allocating' },
    { actor: 'driver', from: 'allocated', to: 'delivered' },
    { actor: 'driver', from: 'delivered', to: 'picked_up' },
    { actor: 'client', from: 'picked_up', to: 'cancelled' },
    { actor: 'client', from: 'delivered', to: 'cancelled' },
    { actor: 'allocation', from: 'created', to: 'delivered' },
  ] as const)('refuses $from → $to as ILLEGAL_TRANSITION, naming both', ({ actor, from, to }) => {
    // Act
    const attempt = () => transitionItem(itemIn(from), changeTo(to), actors[actor], later);

    // Assess
    expect(attempt).toThrow(
      expect.objectContaining({
        code: ITEMS_ERROR.illegalTransition,
        from,
        to,
        message: `An item cannot go from ${from} to ${to}`,
      }),
    );
  });

  it.each([
    { actor: 'client', from: 'allocated', to: 'picked_up' },
    { actor: 'client', from: 'created', to: 'allocated' },
    { actor: 'driver', from: 'allocated', to: 'cancelled' },
    { actor: 'allocation', from: 'allocated', to: 'cancelled' },
  ] as const)(
    'refuses $actor taking the step $from → $to as TRANSITION_NOT_ALLOWED',
    ({ actor, from, to }) => {
      // Act
      const attempt = () => transitionItem(itemIn(from), changeTo(to), actors[actor], later);

      // Assess
      expect(attempt).toThrow(
        expect.objectContaining({ code: ITEMS_ERROR.transitionNotAllowed, from, to, actor }),
      );
    },
  );

  it.each<{ who: string; actor: ItemActor }>([
    { who: 'another driver', actor: { kind: 'driver', userId: 'driver-2', orgId: ORG } },
    { who: 'a driver of another organisation', actor: { kind: 'driver', userId: DRIVER, orgId: 'org-2' } },
  ])('refuses $who moving the item on as NOT_YOUR_ITEM', ({ actor }) => {
    // Act
    const attempt = () => transitionItem(itemIn('allocated'), { to: 'picked_up' }, actor, later);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: ITEMS_ERROR.notYourItem }));
  });

  it('refuses a driver touching an item not yet allocated to anyone as NOT_YOUR_ITEM', () => {
    // Act
    const attempt = () => transitionItem(itemIn('created'), { to: 'picked_up' }, driver, later);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: ITEMS_ERROR.notYourItem }));
  });

  it('refuses another client cancelling the item as NOT_YOUR_ITEM', () => {
    // Prepare
    const other: ItemActor = { kind: 'client', clientId: 'client-2', orgId: ORG };

    // Act
    const attempt = () => transitionItem(itemIn('created'), { to: 'cancelled' }, other, later);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: ITEMS_ERROR.notYourItem }));
  });

  it('records the vehicle and driver when allocated, and why it was cancelled', () => {
    // Act
    const allocated = transitionItem(
      itemIn('allocating'),
      { to: 'allocated', assignment },
      allocation,
      later,
    );
    const cancelled = transitionItem(
      allocated.item,
      { to: 'cancelled', reason: 'customer moved' },
      client,
      later,
    );

    // Assess
    expect(allocated.item.assignment).toEqual(assignment);
    expect(cancelled.item).toMatchObject({ status: 'cancelled', statusReason: 'customer moved', assignment });
  });

  it.each([
    { actor: 'driver', status: 'picked_up' },
    { actor: 'client', status: 'cancelled' },
    { actor: 'allocation', status: 'allocated' },
  ] as const)('answers a repeated move of $actor to $status as unchanged', ({ actor, status }) => {
    // Prepare
    const item = itemIn(status);

    // Act
    const result = transitionItem(item, changeTo(status), actors[actor], later);

    // Assess
    expect(result).toEqual({ outcome: 'unchanged', item });
  });

  it('refuses a second allocation to another vehicle as ALLOCATION_CONFLICT', () => {
    // Act
    const attempt = () =>
      transitionItem(
        itemIn('allocated'),
        { to: 'allocated', assignment: { vehicleId: 'v9', driverId: 'd9' } },
        allocation,
        later,
      );

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: ITEMS_ERROR.allocationConflict }));
  });

  it.each([
    { event: 'allocationOffered', from: 'allocated', to: 'allocating' },
    { event: 'allocationOffered', from: 'picked_up', to: 'allocating' },
    { event: 'allocationAccepted', from: 'cancelled', to: 'allocated' },
    { event: 'allocationFailed', from: 'delivered', to: 'unallocated' },
  ] as const)('drops $event arriving after the item reached $from as stale', ({ from, to }) => {
    // Prepare
    const item = itemIn(from);

    // Act
    const result = transitionItem(item, changeTo(to), allocation, later);

    // Assess
    expect(result).toEqual({ outcome: 'stale', item });
  });

  it('lists the moves each actor may make from a status', () => {
    // Act
    const moves = {
      driver: nextStatuses('allocated', 'driver'),
      client: nextStatuses('allocated', 'client'),
      allocation: nextStatuses('created', 'allocation'),
    };

    // Assess
    expect(moves).toEqual({
      driver: ['picked_up', 'failed'],
      client: ['cancelled'],
      allocation: ['allocating', 'allocated', 'unallocated'],
    });
  });

  it('leaves no final status and enters every status but created', () => {
    // Act
    const leaving = new Set<ItemStatus>(ITEM_TRANSITIONS.map((row) => row.from));
    const entering = new Set<ItemStatus>(ITEM_TRANSITIONS.map((row) => row.to));

    // Assess
    expect(ITEM_STATUSES.filter((status) => isFinal(status) && leaving.has(status))).toEqual([]);
    expect(ITEM_STATUSES.filter((status) => !entering.has(status))).toEqual(['created']);
  });
});
