import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/domain/demo-seed.js';
import { onAllocationAccepted, onItemStatusChanged } from '../../src/domain/fleet-reactions.js';
import { MemoryFleet, NOW, ORG, OTHER_ORG, vehicle } from './support/fleet.js';

const VAN = 'a1111111-1111-4111-8111-111111111111';

function setUp() {
  const fleet = new MemoryFleet();
  fleet.rows.set(VAN, vehicle({ id: VAN, driverId: 'd1', onDuty: true, availability: 'available' }));
  return { fleet, context: { store: fleet, publisher: fleet, now: NOW } };
}

describe('reactions to the fleet’s events', () => {
  it('takes a vehicle through accepted → delivered once, however often the events arrive', async () => {
    // Prepare
    const { fleet, context } = setUp();
    const accepted = { itemId: 'i1', orgId: ORG, vehicleId: VAN };
    const delivered = { ...accepted, status: 'delivered' };

    // Act
    const outcomes = [
      await onAllocationAccepted(context, '10', accepted),
      await onAllocationAccepted(context, '10', accepted),
      await onItemStatusChanged(context, '11', delivered),
      await onAllocationAccepted(context, '10', accepted),
      await onItemStatusChanged(context, '11', delivered),
    ];

    // Assess
    expect(outcomes).toEqual(['applied', 'stale', 'applied', 'stale', 'stale']);
    expect(fleet.rows.get(VAN)?.availability).toBe('available');
    expect(fleet.posted.map((event) => event.detail)).toEqual([
      expect.objectContaining({ availability: 'busy', reason: 'allocated' }),
      expect.objectContaining({ availability: 'available', reason: 'released' }),
    ]);
  });

  it.each([
    ['another organisation’s vehicle', { orgId: OTHER_ORG, vehicleId: VAN }, 'unknownVehicle'],
    ['an id that is no vehicle id', { orgId: ORG, vehicleId: 'truck-7' }, 'unknownVehicle'],
  ])('leaves %s alone', async (_case, target, outcome) => {
    // Prepare
    const { fleet, context } = setUp();

    // Act
    const result = await onAllocationAccepted(context, '10', { itemId: 'i1', ...target });

    // Assess
    expect(result).toBe(outcome);
    expect(fleet.posted).toEqual([]);
  });

  it.each([
    ['a status that does not end the trip', { status: 'picked_up', vehicleId: VAN }, '12', 'notForVehicles'],
    ['an item without a vehicle', { status: 'cancelled', vehicleId: null }, '12', 'notForVehicles'],
    ['an id that is not the bus’s', { status: 'delivered', vehicleId: VAN }, 'evt-1', 'notFromBus'],
  ])('ignores %s', async (_case, change, eventId, outcome) => {
    // Prepare
    const { context } = setUp();

    // Act
    const result = await onItemStatusChanged(context, eventId, { itemId: 'i1', orgId: ORG, ...change });

    // Assess
    expect(result).toBe(outcome);
  });
});

describe('demo seeding', () => {
  it('creates demo vans once, driver i on van i, and posts events only the first time', async () => {
    // Prepare
    const fleet = new MemoryFleet();
    const context = { store: fleet, publisher: fleet, now: NOW };

    // Act
    const first = await seedDemo(context, { orgId: ORG, drivers: ['d1', 'd2'], count: 3 });
    const postedFirst = fleet.posted.length;
    const second = await seedDemo(context, { orgId: ORG, drivers: ['d1', 'd2'], count: 3 });

    // Assess
    expect(first.vehicles.map(({ name, driverId }) => [name, driverId])).toEqual([
      ['Demo van 1', 'd1'],
      ['Demo van 2', 'd2'],
      ['Demo van 3', null],
    ]);
    expect(second).toEqual(first);
    expect(postedFirst).toBe(5);
    expect(fleet.posted).toHaveLength(5);
  });
});
