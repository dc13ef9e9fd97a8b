import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, errorCode } from '../../../users/tests/support/api-client.js';
import type { Tenant } from '../../../users/tests/support/tenants.js';
import type { VehicleView } from '../../src/domain/vehicle.js';
import type { FleetCloud } from './support/fleet-cloud.js';
import { newVan, startVehiclesSuite, type VehiclesSuite } from './support/vehicles-suite.js';

interface Fields {
  error: { code: string; fields?: { path: string }[] };
}

/** An error body as a client sees it, without the request id and with `id` written as `<id>`. */
const errorShape = (response: ApiResponse<unknown>, id: string): string => {
  const { error } = response.body as { error: Record<string, unknown> };
  const { requestId: _requestId, ...rest } = error;
  return JSON.stringify(rest).replaceAll(id, '<id>');
};

// The vehicles API as admins, dispatchers and drivers use it: registering and describing vehicles,
// what it refuses (400, 403, 404 across organisations), drivers and duty, and the events each
// change posts to the bus.
describe('the vehicles service on the local cloud', () => {
  let cloud: FleetCloud;
  let acme: Tenant;
  let globex: Tenant;
  let call: VehiclesSuite['call'];
  let register: VehiclesSuite['register'];
  let onBus: VehiclesSuite['onBus'];

  beforeAll(async () => {
    ({ cloud, acme, globex, call, register, onBus } = await startVehiclesSuite());
  }, 240_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  it('registers, lists, shows and describes vehicles, and tells the bus of each new one', async () => {
    // Act
    const created = await call(acme.tokens.admin, 'POST', '', {
      name: 'Cargo bike',
      plate: 'cb 01',
      vehicleType: 'bike',
      capacityKg: 60,
    });
    const vehicleId = created.body.vehicleId;
    const listed = await call<{ vehicles: VehicleView[] }>(
      acme.tokens.dispatcher,
      'GET',
      '?availability=offline',
    );
    const shown = await call(acme.tokens.dispatcher, 'GET', `/${vehicleId}`);
    const patched = await call(acme.tokens.admin, 'PATCH', `/${vehicleId}`, {
      name: 'Cargo bike 1',
      capacityKg: 80,
    });
    const registered = await onBus('vehicleRegistered', vehicleId, 1);

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/vehicles/${vehicleId}`);
    expect(created.body).toMatchObject({
      orgId: acme.orgId,
      name: 'Cargo bike',
      plate: 'CB 01',
      vehicleType: 'bike',
      capacityKg: 60,
      availability: 'offline',
      driverId: null,
      onDuty: false,
      availabilityVersion: 0,
    });
    expect(listed.body.vehicles.map((vehicle) => vehicle.vehicleId)).toContain(vehicleId);
    expect(shown.body).toEqual(created.body);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Cargo bike 1', capacityKg: 80, plate: 'CB 01' });
    expect(registered).toEqual([
      {
        vehicleId,
        orgId: acme.orgId,
        name: 'Cargo bike',
        plate: 'CB 01',
        vehicleType: 'bike',
        capacityKg: 60,
        availability: 'offline',
        version: 0,
      },
    ]);
  });

  it('refuses a plate the organisation already has with 409 PLATE_TAKEN', async () => {
    // Prepare
    const van = await register(acme);

    // Act
    const again = await call(acme.tokens.admin, 'POST', '', { ...newVan(), plate: van.plate.toLowerCase() });

    // Assess
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('PLATE_TAKEN');
  });

  it.each([
    {
      what: 'a new vehicle of an unknown type and no capacity',
      request: ['admin', 'POST', '', { name: 'Boat', plate: 'B 1', vehicleType: 'boat', capacityKg: -5 }],
      fields: ['body.capacityKg', 'body.vehicleType'],
    },
    {
      what: 'a vehicle id that is not one',
      request: ['dispatcher', 'GET', '/truck-7'],
      fields: ['path.vehicleId'],
    },
    {
      what: 'an unknown availability filter',
      request: ['dispatcher', 'GET', '?availability=flying'],
      fields: ['query.availability'],
    },
    {
      what: 'a duty that is not a boolean',
      request: ['driver1', 'POST', '/mine/duty', { onDuty: 'yes' }],
      fields: ['body.onDuty'],
    },
    {
      what: 'an empty driver id',
      request: ['dispatcher', 'PUT', '/00000000-0000-4000-8000-000000000000/driver', { driverId: ' ' }],
      fields: ['body.driverId'],
    },
  ] as const)(
    'answers $what with 400 naming the field',
    async ({ request: [role, method, path, body], fields }) => {
      // Act
      const response = await call<Fields>(acme.tokens[role], method, path, body);

      // Assess
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields?.map((field) => field.path).sort()).toEqual(fields);
    },
  );

  it.each([
    ['a dispatcher registering a vehicle', 'dispatcher', 'POST', ''],
    ['a driver listing vehicles', 'driver1', 'GET', ''],
    ['a driver describing a vehicle', 'driver1', 'PATCH', '/{id}'],
    ['a driver assigning a driver', 'driver1', 'PUT', '/{id}/driver'],
    ['an admin asking for their own vehicle', 'admin', 'GET', '/mine'],
    ['a dispatcher going on duty', 'dispatcher', 'POST', '/mine/duty'],
  ] as const)('refuses %s with 403 FORBIDDEN', async (_case, role, method, path) => {
    // Prepare
    const van = await register(acme);
    const body = {
      POST: path === '' ? newVan() : { onDuty: true },
      PATCH: { name: 'Renamed' },
      PUT: { driverId: acme.userIds.driver2 },
      GET: undefined,
    }[method];

    // Act
    const response = await call(acme.tokens[role], method, path.replace('{id}', van.vehicleId), body);

    // Assess
    expect(response.status).toBe(403);
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect((await call(acme.tokens.admin, 'GET', `/${van.vehicleId}`)).body).toEqual(van);
  });

  it('answers another organisation’s vehicle exactly like a missing one, and leaves it alone', async () => {
    // Prepare
    const theirs = await register(acme);
    const missing = '00000000-0000-4000-8000-000000000000';

    // Act
    const attempts: [string, ApiResponse<unknown>][] = [];
    for (const id of [theirs.vehicleId, missing])
      attempts.push(
        [`GET ${id}`, await call(globex.tokens.admin, 'GET', `/${id}`)],
        [`PATCH ${id}`, await call(globex.tokens.admin, 'PATCH', `/${id}`, { name: 'Stolen' })],
        [
          `PUT ${id}`,
          await call(globex.tokens.admin, 'PUT', `/${id}/driver`, { driverId: globex.userIds.driver2 }),
        ],
      );
    const globexList = await call<{ vehicles: VehicleView[] }>(globex.tokens.admin, 'GET');

    // Assess
    for (const [_attempt, response] of attempts) {
      expect(response.status).toBe(404);
      expect(errorCode(response)).toBe('VEHICLE_NOT_FOUND');
    }
    for (let index = 0; index < 3; index += 1)
      expect(errorShape(attempts[index]?.[1] as ApiResponse<unknown>, theirs.vehicleId)).toBe(
        errorShape(attempts[index + 3]?.[1] as ApiResponse<unknown>, missing),
      );
    expect(globexList.body.vehicles.map((vehicle) => vehicle.vehicleId)).not.toContain(theirs.vehicleId);
    expect((await call(acme.tokens.admin, 'GET', `/${theirs.vehicleId}`)).body).toEqual(theirs);
  });

  it('assigns a driver, turns duty into availability, and moves the driver to another vehicle', async () => {
    // Prepare
    const first = await register(acme, 'First van');
    const second = await register(acme, 'Second van');
    const driver = acme.tokens.driver1;
    const driverId = acme.userIds.driver1;
    const before = await call(driver, 'GET', '/mine');

    // Act
    const assigned = await call(acme.tokens.dispatcher, 'PUT', `/${first.vehicleId}/driver`, { driverId });
    const mine = await call(driver, 'GET', '/mine');
    const onDuty = await call(driver, 'POST', '/mine/duty', { onDuty: true });
    const available = await call<{ vehicles: VehicleView[] }>(
      acme.tokens.dispatcher,
      'GET',
      '?availability=available',
    );
    const moved = await call(acme.tokens.admin, 'PUT', `/${second.vehicleId}/driver`, { driverId });
    const left = await call(acme.tokens.admin, 'GET', `/${first.vehicleId}`);
    const onDutyAgain = await call(driver, 'POST', '/mine/duty', { onDuty: true });
    const offDuty = await call(driver, 'POST', '/mine/duty', { onDuty: false });

    // Assess
    expect(before.status).toBe(404);
    expect(errorCode(before)).toBe('NO_VEHICLE');
    expect(assigned.body).toMatchObject({ vehicleId: first.vehicleId, driverId, availability: 'offline' });
    expect(mine.body.vehicleId).toBe(first.vehicleId);
    expect(onDuty.body).toMatchObject({
      vehicleId: first.vehicleId,
      onDuty: true,
      availability: 'available',
    });
    expect(available.body.vehicles.map((vehicle) => vehicle.vehicleId)).toContain(first.vehicleId);
    expect(moved.body).toMatchObject({ driverId, onDuty: false, availability: 'offline' });
    expect(left.body).toMatchObject({ driverId: null, onDuty: false, availability: 'offline' });
    expect(onDutyAgain.body).toMatchObject({ vehicleId: second.vehicleId, availability: 'available' });
    expect(offDuty.body).toMatchObject({ vehicleId: second.vehicleId, availability: 'offline' });
    expect(await onBus('driverAssigned', first.vehicleId, 2)).toEqual([
      { vehicleId: first.vehicleId, orgId: acme.orgId, driverId, previousDriverId: null },
      { vehicleId: first.vehicleId, orgId: acme.orgId, driverId: null, previousDriverId: driverId },
    ]);
    expect(await onBus('driverAssigned', second.vehicleId, 1)).toEqual([
      { vehicleId: second.vehicleId, orgId: acme.orgId, driverId, previousDriverId: null },
    ]);
    const reasons = async (vehicleId: string) =>
      (await onBus('vehicleStatusChanged', vehicleId, 2)).map((detail) => [
        detail.previous,
        detail.availability,
        detail.reason,
      ]);
    expect(await reasons(first.vehicleId)).toEqual([
      ['offline', 'available', 'onDuty'],
      ['available', 'offline', 'offDuty'],
    ]);
    expect(await reasons(second.vehicleId)).toEqual([
      ['offline', 'available', 'onDuty'],
      ['available', 'offline', 'offDuty'],
    ]);
  });
});
