import { describe, expect, it } from 'vitest';
import { allocate, changeDriver, release, setDuty } from '../../src/domain/availability.js';
import { NOW, vehicle } from './support/fleet.js';

describe('duty', () => {
  it.each([
    { from: 'offline', onDuty: true, to: 'available', reason: 'onDuty' },
    { from: 'busy', onDuty: true, to: 'busy', reason: undefined },
  ] as const)('going on duty turns $from into $to', ({ from, onDuty, to, reason }) => {
    // Act
    const { vehicle: after, events } = setDuty(vehicle({ availability: from }), onDuty, NOW);

    // Assess
    expect(after).toMatchObject({ availability: to, onDuty: true, updatedAt: NOW });
    expect(events.map((event) => event.detail)).toEqual(
      reason ? [expect.objectContaining({ availability: to, previous: from, reason })] : [],
    );
  });

  it.each([
    { from: 'available', to: 'offline', events: 1 },
    { from: 'busy', to: 'busy', events: 0 },
  ] as const)('going off duty turns $from into $to', ({ from, to, events }) => {
    // Act
    const result = setDuty(vehicle({ availability: from, onDuty: true }), false, NOW);

    // Assess
    expect(result.vehicle).toMatchObject({ availability: to, onDuty: false });
    expect(result.events).toHaveLength(events);
  });

  it('changes nothing and posts nothing when the duty is already as asked', () => {
    // Prepare
    const onDuty = vehicle({ availability: 'available', onDuty: true });

    // Act
    const result = setDuty(onDuty, true, NOW);

    // Assess
    expect(result.vehicle).toBe(onDuty);
    expect(result.events).toEqual([]);
  });
});

describe('allocation and release by bus events', () => {
  it('makes a vehicle busy on an accepted allocation and records the event id', () => {
    // Act
    const result = allocate(
      vehicle({ availability: 'available', onDuty: true }),
      { eventId: '10', itemId: 'i1' },
      NOW,
    );

    // Assess
    expect(result.outcome).toBe('applied');
    expect(result.vehicle).toMatchObject({ availability: 'busy', currentItemId: 'i1', lastEventId: '10' });
    expect(result.events).toEqual([
      {
        type: 'vehicleStatusChanged',
        detail: expect.objectContaining({ availability: 'busy', previous: 'available', reason: 'allocated' }),
      },
    ]);
  });

  it.each([
    ['repeated', '10'],
    ['older', '9'],
  ])('ignores an %s event', (_case, eventId) => {
    // Prepare
    const busy = vehicle({ availability: 'busy', currentItemId: 'i1', lastEventId: '10', onDuty: true });

    // Act
    const again = allocate(busy, { eventId, itemId: 'i1' }, NOW);
    const late = release(busy, { eventId, itemId: 'i1' }, NOW);

    // Assess
    expect([again.outcome, late.outcome]).toEqual(['stale', 'stale']);
    expect([again.vehicle, late.vehicle]).toEqual([busy, busy]);
    expect([...again.events, ...late.events]).toEqual([]);
  });

  it('compares event ids as numbers, not as text', () => {
    // Act
    const result = allocate(vehicle({ lastEventId: '9' }), { eventId: '10', itemId: 'i1' }, NOW);

    // Assess
    expect(result.outcome).toBe('applied');
  });

  it.each([
    { onDuty: true, to: 'available' },
    { onDuty: false, to: 'offline' },
  ] as const)('releases a busy vehicle to $to when on duty is $onDuty', ({ onDuty, to }) => {
    // Prepare
    const busy = vehicle({ availability: 'busy', currentItemId: 'i1', lastEventId: '10', onDuty });

    // Act
    const result = release(busy, { eventId: '11', itemId: 'i1' }, NOW);

    // Assess
    expect(result.vehicle).toMatchObject({ availability: to, currentItemId: null, lastEventId: '11' });
    expect(result.events.map((event) => event.detail)).toEqual([
      expect.objectContaining({ availability: to, previous: 'busy', reason: 'released' }),
    ]);
  });

  it('does not release a vehicle busy with another item', () => {
    // Prepare
    const busy = vehicle({ availability: 'busy', currentItemId: 'i2', lastEventId: '12', onDuty: true });

    // Act
    const result = release(busy, { eventId: '13', itemId: 'i1' }, NOW);

    // Assess
    expect(result).toEqual({ vehicle: busy, events: [], outcome: 'unchanged' });
  });

  it('keeps a vehicle free when the acceptance arrives after its item was delivered', () => {
    // Prepare: the delivery (id 11) overtook the acceptance (id 10).
    const free = vehicle({ availability: 'available', onDuty: true });

    // Act
    const released = release(free, { eventId: '11', itemId: 'i1' }, NOW);
    const accepted = allocate(released.vehicle, { eventId: '10', itemId: 'i1' }, NOW);

    // Assess
    expect(released.events).toEqual([]);
    expect(accepted.outcome).toBe('stale');
    expect(accepted.vehicle.availability).toBe('available');
  });
});

describe('a new driver', () => {
  it('ends the duty of the vehicle: available becomes offline', () => {
    // Act
    const result = changeDriver(
      vehicle({ driverId: 'd1', onDuty: true, availability: 'available' }),
      'd2',
      NOW,
    );

    // Assess
    expect(result.vehicle).toMatchObject({ driverId: 'd2', onDuty: false, availability: 'offline' });
    expect(result.events.map((event) => event.type)).toEqual(['driverAssigned', 'vehicleStatusChanged']);
    expect(result.events[0]?.detail).toMatchObject({ driverId: 'd2', previousDriverId: 'd1' });
    expect(result.events[1]?.detail).toMatchObject({ reason: 'offDuty' });
  });
});
