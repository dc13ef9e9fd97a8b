import { describe, expect, it } from 'vitest';
import { assignDriver } from '../../src/domain/driver-assignment.js';
import { NOW, vehicle } from './support/fleet.js';

const VAN_1 = 'a1111111-1111-4111-8111-111111111111';
const VAN_2 = 'a2222222-2222-4222-8222-222222222222';

describe('driver assignment', () => {
  it('moves a driver from the vehicle they drive: both vehicles tell the fleet', () => {
    // Prepare
    const target = vehicle({ id: VAN_1, driverId: 'd2' });
    const holder = vehicle({ id: VAN_2, driverId: 'd1', onDuty: true, availability: 'available' });

    // Act
    const result = assignDriver(target, holder, 'd1', NOW);

    // Assess: the vehicle left is written first, so the driver is never on two vehicles.
    expect(result.changed.map((changed) => [changed.id, changed.driverId])).toEqual([
      [VAN_2, null],
      [VAN_1, 'd1'],
    ]);
    expect(result.events.map((event) => [event.type, event.detail])).toEqual([
      [
        'driverAssigned',
        expect.objectContaining({ vehicleId: VAN_2, driverId: null, previousDriverId: 'd1' }),
      ],
      [
        'vehicleStatusChanged',
        expect.objectContaining({ vehicleId: VAN_2, availability: 'offline', reason: 'offDuty' }),
      ],
      [
        'driverAssigned',
        expect.objectContaining({ vehicleId: VAN_1, driverId: 'd1', previousDriverId: 'd2' }),
      ],
    ]);
  });

  it('changes nothing when the vehicle already has that driver', () => {
    // Prepare
    const target = vehicle({ driverId: 'd1' });

    // Act
    const result = assignDriver(target, target, 'd1', NOW);

    // Assess
    expect(result).toEqual({ changed: [], target, events: [] });
  });

  it('takes the driver away with null', () => {
    // Act
    const result = assignDriver(vehicle({ driverId: 'd1' }), undefined, null, NOW);

    // Assess
    expect(result.target.driverId).toBeNull();
    expect(result.events).toEqual([
      { type: 'driverAssigned', detail: expect.objectContaining({ driverId: null, previousDriverId: 'd1' }) },
    ]);
  });
});
