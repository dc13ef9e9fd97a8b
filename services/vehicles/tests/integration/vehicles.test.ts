import { createEvent } from '@motorcade/lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { type ApiResponse, errorCode, request } from '../../../users/tests/support/api-client.js';
import { seedTenant, TEST_PASSWORD, type Tenant } from '../../../users/tests/support/tenants.js';
import type { VehicleView } from '../../src/domain/vehicle.js';
import { type FleetCloud, startFleetCloud } from './support/fleet-cloud.js';

interface Fields {
  error: { code: string; fields?: { path: string }[] };
}

let plates = 0;
/** A vehicle body with a plate no other test uses. */
const newVan = (name = 'Van') => {
  plates += 1;
  return { name, plate: `VT ${String(plates).padStart(3, '0')}`, vehicleType: 'van', capacityKg: 750 };
};
/** An error body as a client sees it, without the request id and with `id` written as `<id>`. */
const errorShape = (response: ApiResponse<unknown>, id: string): string => {
  const { error } = response.body as { error: Record<string, unknown> };
  const { requestId: _requestId, ...rest } = error;
  return JSON.stringify(rest).replaceAll(id, '<id>');
};

describe('the vehicles service on the local cloud', () => {
  let cloud: FleetCloud;
  let acme: Tenant;
  let globex: Tenant;
  let api: string;

  const call = <T = VehicleView>(token: string, method: string, path = '', body?: unknown) =>
    request<T>(method, `${api}${path}`, { token, ...(body === undefined ? {} : { body }) });
  const register = async (tenant: Tenant, name?: string): Promise<VehicleView> => {
    const response = await call(tenant.tokens.admin, 'POST', '', newVan(name));
    if (response.status !== 201) throw new Error(`Registering failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const busDetails = async (type: string, vehicleId: string) =>
    (await cloud.events(type))
      .reverse()
      .map((event) => event.detail as Record<string, unknown>)
      .filter((detail) => detail.vehicleId === vehicleId);
  /** Waits until the bus has logged `count` events of `type` for the vehicle, and returns their details, oldest first. */
  const onBus = (type: string, vehicleId: string, count: number) =>
    waitFor(
      async () => {
        const details = await busDetails(type, vehicleId);
        return details.length >= count ? details : undefined;
      },
      { what: `${count} ${type} event(s) of ${vehicleId} on the bus` },
    );

  beforeAll(async () => {
    cloud = await startFleetCloud();
    api = cloud.api('vehicles');
    acme = await seedTenant(cloud, 'acme');
    globex = await seedTenant(cloud, 'globex');
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

  it('makes a vehicle busy when the bus brings allocationAccepted, frees it on delivery, and ignores a replay', async () => {
    // Prepare
    const van = await register(globex, 'Allocated van');
    await call(globex.tokens.admin, 'PUT', `/${van.vehicleId}/driver`, { driverId: globex.userIds.driver1 });
    await call(globex.tokens.driver1, 'POST', '/mine/duty', { onDuty: true });
    const item = {
      itemId: 'a7e1c1d2-0000-4000-8000-000000000001',
      orgId: globex.orgId,
      vehicleId: van.vehicleId,
    };
    const availabilityIs = (expected: string) =>
      waitFor(
        async () => {
          const shown = await call(globex.tokens.dispatcher, 'GET', `/${van.vehicleId}`);
          return shown.body.availability === expected ? shown.body : undefined;
        },
        { what: `the vehicle to be ${expected}` },
      );

    // Act
    await cloud.post('allocationAccepted', {
      ...item,
      offerId: `${item.itemId}:1`,
      driverId: globex.userIds.driver1,
    });
    const busy = await availabilityIs('busy');
    await cloud.post('itemStatusChanged', {
      ...item,
      status: 'delivered',
      previous: 'picked_up',
      driverId: globex.userIds.driver1,
    });
    const released = await availabilityIs('available');
    const [accepted] = await cloud.events('allocationAccepted');
    const { body: listeners } = await cloud.ops<{ listeners: { id: number; logicalId: string }[] }>(
      '/listeners',
    );
    const listenerId = listeners.listeners.find(
      (entry) => entry.logicalId === 'AllocationAcceptedListener',
    )?.id;
    const replayed = await cloud.ops(`/listeners/${listenerId}/replay`, {
      method: 'POST',
      body: { fromEventId: accepted?.id },
    });
    const staleLine = await waitFor(
      async () =>
        cloud.logs.find(
          (entry) =>
            entry.line.includes('"outcome":"stale"') && entry.line.includes(`"eventId":"${accepted?.id}"`),
        ),
      { what: 'the listener to see the replayed acceptance as stale' },
    );

    // Assess
    expect(busy).toMatchObject({ availability: 'busy', onDuty: true });
    expect(released).toMatchObject({ availability: 'available', onDuty: true });
    expect(replayed.status).toBe(202);
    expect(staleLine.line).toContain('allocationAccepted');
    expect((await call(globex.tokens.dispatcher, 'GET', `/${van.vehicleId}`)).body.availability).toBe(
      'available',
    );
    const changes = (await onBus('vehicleStatusChanged', van.vehicleId, 3)).map((detail) => [
      detail.availability,
      detail.reason,
      detail.version,
    ]);
    // The bus logs (and numbers) events in the order they reach it, which need not be the order
    // they were posted in: a SendEvent cold start can hold one back (docs/fleet.md, Order). The
    // vehicle's own `version` gives the order of its changes.
    expect(changes).toHaveLength(3);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['available', 'onDuty', 1],
        ['busy', 'allocated', 2],
        ['available', 'released', 3],
      ]),
    );
    expect((await call(globex.tokens.dispatcher, 'GET', `/${van.vehicleId}`)).body.availabilityVersion).toBe(
      3,
    );
  });

  it('seeds demo vans once, driver i on van i, posting the events the API would', async () => {
    // Prepare
    const users = await cloud.call(
      'users',
      'SeedDemo',
      { organisation: 'initech', name: 'Initech', password: TEST_PASSWORD },
      z.object({
        organisation: z.object({ id: z.string() }),
        users: z.array(z.object({ id: z.string(), email: z.string() })),
      }),
    );
    const orgId = users.organisation.id;
    const drivers = ['driver1', 'driver2'].map(
      (local) => users.users.find((user) => user.email === `${local}@initech.example`)?.id ?? '',
    );
    const seeded = z.object({
      vehicles: z.array(
        z.object({ vehicleId: z.string(), name: z.string(), driverId: z.string().nullable() }),
      ),
    });

    // Act
    const first = await cloud.callVehicles('SeedDemo', { orgId, drivers, count: 3 }, seeded);
    const second = await cloud.callVehicles('SeedDemo', { orgId, drivers, count: 3 }, seeded);
    const refused = cloud.callVehicles('SeedDemo', { orgId, drivers, count: 101 }, seeded);

    // Assess
    expect(first.vehicles.map(({ name, driverId }) => [name, driverId])).toEqual([
      ['Demo van 1', drivers[0]],
      ['Demo van 2', drivers[1]],
      ['Demo van 3', null],
    ]);
    expect(second).toEqual(first);
    await expect(refused).rejects.toThrow(/payload\.count/);
    const [van1] = first.vehicles;
    expect(await onBus('driverAssigned', van1?.vehicleId ?? '', 1)).toEqual([
      { vehicleId: van1?.vehicleId, orgId, driverId: drivers[0], previousDriverId: null },
    ]);
    // Each event is its own asynchronous post, which the bus may log in any order: wait for all
    // three, then make sure the second seed posted none of its own.
    const registeredOnBus = async () =>
      (await cloud.events('vehicleRegistered')).filter(
        (event) => (event.detail as { orgId: string }).orgId === orgId,
      );
    await waitFor(async () => ((await registeredOnBus()).length >= 3 ? true : undefined), {
      what: "the three vans' vehicleRegistered on the bus",
    });
    expect(await registeredOnBus()).toHaveLength(3);
  });

  it('keeps each change’s events in its outbox, and the relay posts one its function did not', async () => {
    // Prepare: a registration (posted after its commit), and a driverAssigned stored but never
    // posted, as after a crash or a failed post between the commit and the post
    const van = await register(acme, 'Outbox van');
    const leftover = createEvent(
      'driverAssigned',
      { vehicleId: van.vehicleId, orgId: acme.orgId, driverId: acme.userIds.driver2, previousDriverId: null },
      'vehicles',
    );
    await cloud.db.query(
      `INSERT INTO vehicles.outbox (id, org_id, type, envelope, created_at)
       VALUES ($1, $2, $3, $4, now() - interval '5 minutes')`,
      [leftover.id, acme.orgId, leftover.type, JSON.stringify(leftover)],
    );

    // Act
    await cloud.trigger('RelayOutboxRelay');

    // Assess
    const stored = await cloud.db.query<{ type: string; posted: boolean }>(
      `SELECT type, posted_at IS NOT NULL AS posted FROM vehicles.outbox
        WHERE envelope -> 'detail' ->> 'vehicleId' = $1 AND type = 'vehicleRegistered'`,
      [van.vehicleId],
    );
    expect(stored.rows).toEqual([{ type: 'vehicleRegistered', posted: true }]);
    const relayed = await waitFor(
      async () =>
        (await cloud.events('driverAssigned')).find(
          (event) => (event.detail as { vehicleId: string }).vehicleId === van.vehicleId,
        ),
      { what: 'the relayed driverAssigned on the bus' },
    );
    expect(relayed.detail).toEqual(leftover.detail);
    expect(relayed.correlationId).toBe(leftover.correlationId);
    const marked = await waitFor(
      async () =>
        (
          await cloud.db.query<{ attempts: number }>(
            'SELECT attempts FROM vehicles.outbox WHERE id = $1 AND posted_at IS NOT NULL',
            [leftover.id],
          )
        ).rows[0],
      { what: 'the relayed event marked posted' },
    );
    expect(marked.attempts).toBe(1);
  });
});
