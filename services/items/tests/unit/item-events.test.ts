import { describe, expect, it } from 'vitest';
import {
  allocationChange,
  type Item,
  itemCreated,
  itemStatusChanged,
  itemView,
  timelineEntry,
} from '../../src/domain/index.js';
import { CLIENT, DRIVER, itemIn, ORG } from './support/items.js';

describe('the events and views of an item', () => {
  it('describes a new item in itemCreated as docs/fleet.md defines it', () => {
    // Prepare
    const item = itemIn('created');

    // Act
    const event = itemCreated(item);

    // Assess
    expect(event).toEqual({
      type: 'itemCreated',
      detail: {
        itemId: 'item-1',
        orgId: ORG,
        clientId: CLIENT,
        reference: 'ORDER-1001',
        pickup: item.pickup,
        dropoff: item.dropoff,
        window: { from: '2030-01-01T09:00:00.000Z', to: '2030-01-01T12:00:00.000Z' },
        sizeKg: 3.5,
      },
    });
  });

  it.each([
    { from: 'created', to: 'allocating', vehicleId: null, driverId: null },
    { from: 'allocating', to: 'allocated', vehicleId: 'vehicle-1', driverId: DRIVER },
    { from: 'allocated', to: 'cancelled', vehicleId: 'vehicle-1', driverId: DRIVER },
  ] as const)('names vehicle and driver in itemStatusChanged $from → $to only once allocated', (row) => {
    // Prepare
    const before = itemIn(row.from);
    const after: Item = { ...itemIn(row.to === 'cancelled' ? 'allocated' : row.to), status: row.to };

    // Act
    const event = itemStatusChanged(before, after);

    // Assess
    expect(event.detail).toEqual({
      itemId: 'item-1',
      orgId: ORG,
      status: row.to,
      previous: row.from,
      vehicleId: row.vehicleId,
      driverId: row.driverId,
    });
  });

  it.each([
    { type: 'allocationOffered', detail: {}, change: { to: 'allocating' } },
    {
      type: 'allocationAccepted',
      detail: { vehicleId: 'v-1', driverId: 'd-1' },
      change: { to: 'allocated', assignment: { vehicleId: 'v-1', driverId: 'd-1' } },
    },
    {
      type: 'allocationFailed',
      detail: { reason: 'noVehicleLeft' },
      change: { to: 'unallocated', reason: 'noVehicleLeft' },
    },
  ] as const)('turns $type into the change $change.to', ({ type, detail, change }) => {
    // Act
    const result = allocationChange(type, { itemId: 'item-1', orgId: ORG, ...detail });

    // Assess
    expect(result).toEqual(change);
  });

  it('refuses an allocationAccepted that names no driver', () => {
    // Act
    const attempt = () =>
      allocationChange('allocationAccepted', { itemId: 'item-1', orgId: ORG, vehicleId: 'v-1' });

    // Assess
    expect(attempt).toThrow(/driverId/);
  });

  it('shows the assignment flat and records who made a change', () => {
    // Prepare
    const before = itemIn('allocated');
    const after: Item = { ...itemIn('picked_up'), updatedAt: '2030-01-01T10:00:00.000Z' };

    // Act
    const view = itemView(after);
    const entry = timelineEntry(before, after, { kind: 'driver', userId: DRIVER, orgId: ORG });

    // Assess
    expect(view).toMatchObject({
      itemId: 'item-1',
      status: 'picked_up',
      vehicleId: 'vehicle-1',
      driverId: DRIVER,
    });
    expect(view).not.toHaveProperty('assignment');
    expect(entry).toEqual({
      status: 'picked_up',
      previous: 'allocated',
      at: '2030-01-01T10:00:00.000Z',
      actor: 'driver',
      actorId: DRIVER,
      reason: null,
      vehicleId: 'vehicle-1',
      driverId: DRIVER,
    });
  });
});
