import { describe, expect, it } from 'vitest';
import type { UserCaller } from '../../src/domain/caller.js';
import { VehicleAdmin } from '../../src/domain/vehicle-admin.js';
import { MemoryFleet, NOW, ORG, OTHER_ORG } from './support/fleet.js';

const admin: UserCaller = { userId: 'e0000000-0000-4000-8000-000000000001', orgId: ORG, role: 'admin' };
const dispatcher: UserCaller = {
  ...admin,
  userId: 'e0000000-0000-4000-8000-000000000002',
  role: 'dispatcher',
};
const driver: UserCaller = { ...admin, userId: 'e0000000-0000-4000-8000-000000000003', role: 'driver' };
const outsider: UserCaller = { ...admin, orgId: OTHER_ORG };
const VAN = { name: 'Van 1', plate: 'AB12 CDE', vehicleType: 'van', capacityKg: 800 } as const;

function setUp() {
  const fleet = new MemoryFleet();
  return { fleet, admin: new VehicleAdmin(fleet, fleet, () => NOW) };
}

describe('the vehicles API domain', () => {
  it('registers a vehicle offline and without a driver, and posts vehicleRegistered', async () => {
    // Prepare
    const { fleet, admin: vehicles } = setUp();

    // Act
    const created = await vehicles.create(admin, VAN);

    // Assess
    expect(created).toMatchObject({
      ...VAN,
      orgId: ORG,
      availability: 'offline',
      driverId: null,
      onDuty: false,
      availabilityVersion: 0,
    });
    expect(fleet.posted).toEqual([
      {
        type: 'vehicleRegistered',
        detail: { vehicleId: created.vehicleId, orgId: ORG, ...VAN, availability: 'offline', version: 0 },
      },
    ]);
  });

  it('keeps a change’s events with it: a refused change leaves none in the outbox', async () => {
    // Prepare
    const { fleet, admin: vehicles } = setUp();
    const van = await vehicles.create(admin, VAN);
    const stagedBefore = fleet.outbox.length;

    // Act: a second van with the same plate is refused inside its transaction
    const refused = await vehicles.create(admin, { ...VAN, name: 'Van 2' }).catch((error: unknown) => error);

    // Assess
    expect(refused).toMatchObject({ code: 'PLATE_TAKEN' });
    expect(stagedBefore).toBe(1);
    expect(fleet.outbox.map((event) => event.type)).toEqual(['vehicleRegistered']);
    expect(fleet.posted.map((event) => event.detail)).toEqual([
      expect.objectContaining({ vehicleId: van.vehicleId }),
    ]);
  });

  it.each([
    ['a dispatcher registering', (v: VehicleAdmin) => v.create(dispatcher, VAN)],
    ['a driver listing', (v: VehicleAdmin) => v.list(driver, {})],
    ['an admin asking for their own vehicle', (v: VehicleAdmin) => v.mine(admin)],
    ['a dispatcher going on duty', (v: VehicleAdmin) => v.setDuty(dispatcher, true)],
  ])('refuses %s with FORBIDDEN', async (_case, act) => {
    // Prepare
    const { admin: vehicles } = setUp();

    // Act + Assess
    await expect(act(vehicles)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers another organisation’s vehicle as not found, and leaves it as it was', async () => {
    // Prepare
    const { fleet, admin: vehicles } = setUp();
    const theirs = await vehicles.create(admin, VAN);

    // Act
    const attempts = await Promise.allSettled([
      vehicles.get(outsider, theirs.vehicleId),
      vehicles.update(outsider, theirs.vehicleId, { name: 'Stolen' }),
      vehicles.assignDriver(outsider, theirs.vehicleId, { driverId: 'x' }),
    ]);

    // Assess
    expect(attempts.map((attempt) => attempt.status === 'rejected' && attempt.reason.code)).toEqual([
      'VEHICLE_NOT_FOUND',
      'VEHICLE_NOT_FOUND',
      'VEHICLE_NOT_FOUND',
    ]);
    expect(fleet.rows.get(theirs.vehicleId)).toMatchObject({ name: 'Van 1', driverId: null });
    expect((await vehicles.list(outsider, {})).vehicles).toEqual([]);
  });

  it('lets the assigned driver go on and off duty, posting only real changes', async () => {
    // Prepare
    const { fleet, admin: vehicles } = setUp();
    const van = await vehicles.create(admin, VAN);
    await vehicles.assignDriver(dispatcher, van.vehicleId, { driverId: driver.userId });
    fleet.posted.length = 0;

    // Act
    const on = await vehicles.setDuty(driver, true);
    const onAgain = await vehicles.setDuty(driver, true);
    const off = await vehicles.setDuty(driver, false);

    // Assess
    expect([on.availability, onAgain.availability, off.availability]).toEqual([
      'available',
      'available',
      'offline',
    ]);
    expect(fleet.posted.map((event) => event.detail)).toEqual([
      expect.objectContaining({ availability: 'available', previous: 'offline', reason: 'onDuty' }),
      expect.objectContaining({ availability: 'offline', previous: 'available', reason: 'offDuty' }),
    ]);
  });

  it('answers NO_VEHICLE to a driver who drives none', async () => {
    // Prepare
    const { admin: vehicles } = setUp();

    // Act + Assess
    await expect(vehicles.mine(driver)).rejects.toMatchObject({ code: 'NO_VEHICLE' });
    await expect(vehicles.setDuty(driver, true)).rejects.toMatchObject({ code: 'NO_VEHICLE' });
  });

  it('refuses a plate the organisation already has, but not another organisation’s', async () => {
    // Prepare
    const { admin: vehicles } = setUp();
    await vehicles.create(admin, VAN);

    // Act + Assess
    await expect(vehicles.create(admin, { ...VAN, name: 'Van 2' })).rejects.toMatchObject({
      code: 'PLATE_TAKEN',
    });
    await expect(vehicles.create(outsider, VAN)).resolves.toMatchObject({ orgId: OTHER_ORG });
  });
});
