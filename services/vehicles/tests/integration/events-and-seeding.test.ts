import { createEvent } from '@motorcade/lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { TEST_PASSWORD, type Tenant } from '../../../users/tests/support/tenants.js';
import type { FleetCloud } from './support/fleet-cloud.js';
import { startVehiclesSuite, type VehiclesSuite } from './support/vehicles-suite.js';

// What the vehicles service does besides its API: the allocation listener fed by the bus (and a
// replay it ignores), SeedDemo, and the outbox relay posting what a function did not.
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
