import { describe, expect, it } from 'vitest';
import type { UserCaller } from '../../src/domain/caller.js';
import { onAllocationAccepted, onItemStatusChanged } from '../../src/domain/fleet-reactions.js';
import { VehicleAdmin } from '../../src/domain/vehicle-admin.js';
import type { VehicleEvent } from '../../src/domain/vehicle-events.js';
import { MemoryFleet, NOW, ORG } from './support/fleet.js';

const admin: UserCaller = { userId: 'e0000000-0000-4000-8000-000000000001', orgId: ORG, role: 'admin' };
const driver: UserCaller = { ...admin, userId: 'e0000000-0000-4000-8000-000000000003', role: 'driver' };
const VAN = { name: 'Van 1', plate: 'AB12 CDE', vehicleType: 'van', capacityKg: 800 } as const;

const versionsOf = (events: readonly VehicleEvent[]) =>
  events.map((event) => [
    event.type,
    event.detail.vehicleId,
    'availability' in event.detail ? event.detail.availability : undefined,
    'version' in event.detail ? event.detail.version : undefined,
  ]);

describe('the availability version', () => {
  it('goes up by one with each availability change, is stored with it and is carried by its event', async () => {
    // Prepare
    const fleet = new MemoryFleet();
    const vehicles = new VehicleAdmin(fleet, fleet, () => NOW);
    const context = { store: fleet, publisher: fleet, now: NOW };
    const van = await vehicles.create(admin, VAN);
    await vehicles.assignDriver(admin, van.vehicleId, { driverId: driver.userId });
    const accepted = { itemId: 'i1', orgId: ORG, vehicleId: van.vehicleId };

    // Act
    await vehicles.setDuty(driver, true);
    await onAllocationAccepted(context, '10', accepted);
    await vehicles.setDuty(driver, false); // busy stays busy: no change, no version
    await onItemStatusChanged(context, '11', { ...accepted, status: 'delivered' });
    await vehicles.setDuty(driver, true);

    // Assess
    const v = van.vehicleId;
    expect(versionsOf(fleet.posted)).toEqual([
      ['vehicleRegistered', v, 'offline', 0],
      ['driverAssigned', v, undefined, undefined],
      ['vehicleStatusChanged', v, 'available', 1],
      ['vehicleStatusChanged', v, 'busy', 2],
      ['vehicleStatusChanged', v, 'offline', 3],
      ['vehicleStatusChanged', v, 'available', 4],
    ]);
    expect(await vehicles.get(admin, v)).toMatchObject({ availability: 'available', availabilityVersion: 4 });
  });

  it('counts per vehicle: moving a driver moves on only the vehicle whose availability changed', async () => {
    // Prepare
    const fleet = new MemoryFleet();
    const vehicles = new VehicleAdmin(fleet, fleet, () => NOW);
    const first = await vehicles.create(admin, VAN);
    const second = await vehicles.create(admin, { ...VAN, name: 'Van 2', plate: 'AB12 CDF' });
    await vehicles.assignDriver(admin, first.vehicleId, { driverId: driver.userId });
    await vehicles.setDuty(driver, true);

    // Act
    await vehicles.assignDriver(admin, second.vehicleId, { driverId: driver.userId });

    // Assess
    expect(await vehicles.get(admin, first.vehicleId)).toMatchObject({
      availability: 'offline',
      availabilityVersion: 2,
    });
    expect(await vehicles.get(admin, second.vehicleId)).toMatchObject({
      availability: 'offline',
      availabilityVersion: 0,
    });
    expect(versionsOf(fleet.posted.filter((event) => event.type === 'vehicleStatusChanged'))).toEqual([
      ['vehicleStatusChanged', first.vehicleId, 'available', 1],
      ['vehicleStatusChanged', first.vehicleId, 'offline', 2],
    ]);
  });

  it('leaves the version alone when an event changes nothing (a repeated acceptance)', async () => {
    // Prepare
    const fleet = new MemoryFleet();
    const vehicles = new VehicleAdmin(fleet, fleet, () => NOW);
    const context = { store: fleet, publisher: fleet, now: NOW };
    const van = await vehicles.create(admin, VAN);
    const accepted = { itemId: 'i1', orgId: ORG, vehicleId: van.vehicleId };

    // Act
    await onAllocationAccepted(context, '10', accepted);
    await onAllocationAccepted(context, '10', accepted);
    await onAllocationAccepted(context, '12', { ...accepted, itemId: 'i2' });

    // Assess
    expect(await vehicles.get(admin, van.vehicleId)).toMatchObject({
      availability: 'busy',
      availabilityVersion: 1,
    });
  });
});
