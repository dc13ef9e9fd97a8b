import { randomUUID } from 'node:crypto';
import { createEvent } from '@motorcade/lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { errorCode, request } from '../../../users/tests/support/api-client.js';
import { login, seedTenant, type Tenant } from '../../../users/tests/support/tenants.js';
import { findInvariantViolations } from '../../src/domain/index.js';
import { loadOrgState } from '../../src/store/allocation-state-store.js';
import { type AllocationCloud, startAllocationCloud } from './support/allocation-cloud.js';
import {
  assignDriver,
  availabilityIs,
  createItem,
  east,
  type Point,
  vehicleAt,
  vehicleNowhere,
  vehicleOnDuty,
} from './support/fleet.js';

// Long enough for an answer through gateway, bus and queue on a busy machine; short enough to wait out.
const OFFER_TTL_SECONDS = 15;

// Each test picks up in its own city, so the vehicles of earlier tests are never the nearest.
const city = (index: number): Point => ({ lat: 52.52, lon: 13.4 + index * 2 });

interface OfferBody {
  readonly offerId: string;
  readonly itemId: string;
  readonly vehicleId: string;
  readonly status: string;
  readonly deadline: string;
}

let cloud: AllocationCloud;
let acme: Tenant;
let globex: Tenant;
let acmeDriver2: string;

beforeAll(async () => {
  cloud = await startAllocationCloud({ offerTtlSeconds: OFFER_TTL_SECONDS });
  acme = await seedTenant(cloud.identity, 'acme');
  globex = await seedTenant(cloud.identity, 'globex');
  acmeDriver2 = (await login(cloud.identity, 'acme', 'driver2@acme.example')).accessToken;
}, 300_000);
afterAll(() => cloud?.stop());

const offeredFor = (itemId: string) => cloud.waitForEvent('allocationOffered', { itemId });

describe('dispatch', () => {
  it('offers a new item to the nearest available vehicle of its organisation', async () => {
    // Prepare
    const orgId = randomUUID();
    const pickup = city(1);
    const offDutyNearest = vehicleAt('off-duty', east(pickup, 0.2));
    const near = vehicleAt('near', east(pickup, 1));
    const far = vehicleAt('far', east(pickup, 5));
    const otherTenants = vehicleAt('other-org', east(pickup, 0.1));
    await vehicleOnDuty(cloud, orgId, far);
    await vehicleOnDuty(cloud, orgId, near);
    await vehicleOnDuty(cloud, randomUUID(), otherTenants);
    await cloud.publish('vehicleRegistered', { vehicleId: offDutyNearest, orgId, availability: 'offline' });
    await availabilityIs(cloud, offDutyNearest, 'offline');

    // Act
    const itemId = await createItem(cloud, orgId, pickup);

    // Assess
    const offered = await offeredFor(itemId);
    expect(offered.detail).toMatchObject({ itemId, orgId, vehicleId: near, offerId: `${itemId}:1` });
    expect(offered.detail.pickup).toEqual({ lat: pickup.lat, lon: pickup.lon });
    const itemCreated = (await cloud.events('itemCreated', { itemId }))[0];
    expect(offered.causation_id).toBe(itemCreated?.id);
  });

  it('offers a vehicle tracking cannot place only after the ones it can', async () => {
    // Prepare
    const orgId = randomUUID();
    const pickup = city(2);
    const nowhere = vehicleNowhere('no-fix');
    const farAway = vehicleAt('far-away', east(pickup, 40));
    await vehicleOnDuty(cloud, orgId, nowhere);
    await vehicleOnDuty(cloud, orgId, farAway);

    // Act
    const itemId = await createItem(cloud, orgId, pickup);
    const first = await offeredFor(itemId);
    await cloud.publish('offerRejected', {
      offerId: first.detail.offerId,
      vehicleId: farAway,
      driverId: randomUUID(),
    });

    // Assess
    expect(first.detail.vehicleId).toBe(farAway);
    const second = await cloud.waitForEvent('allocationOffered', { itemId, offerId: `${itemId}:2` });
    expect(second.detail.vehicleId).toBe(nowhere);
  });

  it('closes an unanswered offer at the sweep after its deadline and offers the item to the next vehicle', async () => {
    // Prepare
    const orgId = randomUUID();
    const pickup = city(3);
    const near = vehicleAt('near', east(pickup, 1));
    const next = vehicleAt('next', east(pickup, 3));
    await vehicleOnDuty(cloud, orgId, near);
    await vehicleOnDuty(cloud, orgId, next);
    const itemId = await createItem(cloud, orgId, pickup);
    const offered = await offeredFor(itemId);
    const deadline = Date.parse(String(offered.detail.deadline));
    expect(deadline - Date.now()).toBeGreaterThan(0);

    // Act
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()) + 200));
    await cloud.sweep();

    // Assess
    const expired = await cloud.waitForEvent('allocationExpired', { offerId: `${itemId}:1` });
    expect(expired.detail).toMatchObject({ vehicleId: near, reason: 'deadline' });
    const again = await cloud.waitForEvent('allocationOffered', { itemId, offerId: `${itemId}:2` });
    expect(again.detail.vehicleId).toBe(next);
  }, 60_000);

  it('withdraws the offer of a vehicle that goes off duty, and the item waits for another', async () => {
    // Prepare
    const orgId = randomUUID();
    const pickup = city(4);
    const only = vehicleAt('only', east(pickup, 1));
    await vehicleOnDuty(cloud, orgId, only);
    const itemId = await createItem(cloud, orgId, pickup);
    await offeredFor(itemId);

    // Act
    await cloud.publish('vehicleStatusChanged', {
      vehicleId: only,
      orgId,
      availability: 'offline',
      previous: 'available',
      reason: 'offDuty',
    });

    // Assess
    const withdrawn = await cloud.waitForEvent('allocationExpired', { offerId: `${itemId}:1` });
    expect(withdrawn.detail).toMatchObject({ vehicleId: only, reason: 'vehicleUnavailable' });
    const { rows } = await cloud.db.query(
      'SELECT i.status, v.open_offer_id FROM allocation.items i, allocation.vehicles v WHERE i.item_id = $1 AND v.vehicle_id = $2',
      [itemId, only],
    );
    expect(rows).toEqual([{ status: 'waiting', open_offer_id: null }]);
  });
});

describe('the driver API', () => {
  it('lets the driver see and accept an offer, which allocation confirms once', async () => {
    // Prepare
    const pickup = city(5);
    const vehicle = vehicleAt('acme-van', east(pickup, 1));
    await assignDriver(cloud, acme.orgId, vehicle, acme.userIds.driver1);
    await vehicleOnDuty(cloud, acme.orgId, vehicle);
    const itemId = await createItem(cloud, acme.orgId, pickup);
    const offerId = String((await offeredFor(itemId)).detail.offerId);

    // Act
    const mine = await request<{ vehicleId: string; offers: OfferBody[] }>(
      'GET',
      `${cloud.api}/offers/mine`,
      {
        token: acme.tokens.driver1,
      },
    );
    const accepted = await request('POST', `${cloud.api}/offers/${offerId}/accept`, {
      token: acme.tokens.driver1,
    });

    // Assess
    expect(mine.status).toBe(200);
    expect(mine.body.vehicleId).toBe(vehicle);
    expect(mine.body.offers.map((offer) => offer.offerId)).toEqual([offerId]);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ offerId, vehicleId: vehicle, status: 'posted' });
    const confirmed = await cloud.waitForEvent('allocationAccepted', { itemId });
    expect(confirmed.detail).toMatchObject({ offerId, vehicleId: vehicle, driverId: acme.userIds.driver1 });
    await availabilityIs(cloud, vehicle, 'busy');
    const again = await request('POST', `${cloud.api}/offers/${offerId}/accept`, {
      token: acme.tokens.driver1,
    });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ status: 'alreadyAnswered' });
    const reject = await request('POST', `${cloud.api}/offers/${offerId}/reject`, {
      token: acme.tokens.driver1,
    });
    expect(reject.status).toBe(409);
    expect(errorCode(reject)).toBe('OFFER_SUPERSEDED');
    expect(await cloud.events('allocationAccepted', { itemId })).toHaveLength(1);
  });

  it('moves the item to the next vehicle when the driver rejects it', async () => {
    // Prepare
    const pickup = city(6);
    const first = vehicleAt('globex-near', east(pickup, 1));
    const second = vehicleAt('globex-far', east(pickup, 4));
    await assignDriver(cloud, globex.orgId, first, globex.userIds.driver1);
    await vehicleOnDuty(cloud, globex.orgId, first);
    await vehicleOnDuty(cloud, globex.orgId, second);
    const itemId = await createItem(cloud, globex.orgId, pickup);
    const offerId = String((await offeredFor(itemId)).detail.offerId);

    // Act
    const rejected = await request('POST', `${cloud.api}/offers/${offerId}/reject`, {
      token: globex.tokens.driver1,
    });

    // Assess
    expect(rejected.status).toBe(202);
    const closed = await cloud.waitForEvent('allocationRejected', { offerId });
    expect(closed.detail).toMatchObject({ itemId, vehicleId: first, driverId: globex.userIds.driver1 });
    const next = await cloud.waitForEvent('allocationOffered', { itemId, offerId: `${itemId}:2` });
    expect(next.detail.vehicleId).toBe(second);
  });

  it('refuses callers by role and tenant, and drivers who drive nothing or answer for another vehicle', async () => {
    // Prepare: an acme offer to a vehicle nobody of these tokens drives
    const pickup = city(7);
    const unassigned = vehicleAt('acme-unassigned', east(pickup, 1));
    await vehicleOnDuty(cloud, acme.orgId, unassigned);
    const itemId = await createItem(cloud, acme.orgId, pickup);
    const offerId = String((await offeredFor(itemId)).detail.offerId);
    const accept = (token: string | undefined, id = offerId) =>
      request('POST', `${cloud.api}/offers/${encodeURIComponent(id)}/accept`, token ? { token } : {});

    // Act
    const results = {
      anonymous: await accept(undefined),
      dispatcher: await accept(acme.tokens.dispatcher),
      driverOfAnotherVehicle: await accept(acme.tokens.driver1),
      driverWithNoVehicle: await accept(acmeDriver2),
      otherTenantsDriver: await accept(globex.tokens.driver1),
      unknownOffer: await accept(acme.tokens.driver1, `${randomUUID()}:1`),
      mineWithNoVehicle: await request('GET', `${cloud.api}/offers/mine`, { token: acmeDriver2 }),
      driverListsAll: await request('GET', `${cloud.api}/offers`, { token: acme.tokens.driver1 }),
      badStatus: await request('GET', `${cloud.api}/offers?status=pending`, {
        token: acme.tokens.dispatcher,
      }),
    };
    const acmeOpen = await request<{ offers: OfferBody[] }>('GET', `${cloud.api}/offers?status=open`, {
      token: acme.tokens.dispatcher,
    });
    const globexAll = await request<{ offers: OfferBody[] }>('GET', `${cloud.api}/offers`, {
      token: globex.tokens.admin,
    });

    // Assess
    expect(results.anonymous.status).toBe(401);
    expect([results.dispatcher.status, errorCode(results.dispatcher)]).toEqual([403, 'FORBIDDEN']);
    expect([results.driverOfAnotherVehicle.status, errorCode(results.driverOfAnotherVehicle)]).toEqual([
      404,
      'OFFER_NOT_FOUND',
    ]);
    expect([results.driverWithNoVehicle.status, errorCode(results.driverWithNoVehicle)]).toEqual([
      409,
      'NO_VEHICLE',
    ]);
    expect([results.mineWithNoVehicle.status, errorCode(results.mineWithNoVehicle)]).toEqual([
      409,
      'NO_VEHICLE',
    ]);
    expect([results.otherTenantsDriver.status, errorCode(results.otherTenantsDriver)]).toEqual([
      404,
      'OFFER_NOT_FOUND',
    ]);
    expect(results.otherTenantsDriver.body).toEqual({
      error: expect.objectContaining({ code: 'OFFER_NOT_FOUND' }),
    });
    expect([results.unknownOffer.status, errorCode(results.unknownOffer)]).toEqual([404, 'OFFER_NOT_FOUND']);
    expect([results.driverListsAll.status, errorCode(results.driverListsAll)]).toEqual([403, 'FORBIDDEN']);
    expect(results.badStatus.status).toBe(400);
    expect(JSON.stringify(results.badStatus.body)).toContain('query.status');
    expect(acmeOpen.status).toBe(200);
    expect(acmeOpen.body.offers.map((offer) => offer.offerId)).toContain(offerId);
    expect(acmeOpen.body.offers.every((offer) => offer.status === 'open')).toBe(true);
    expect(globexAll.status).toBe(200);
    expect(globexAll.body.offers.map((offer) => offer.itemId)).not.toContain(itemId);
    // Nothing refused reached the bus.
    expect(await cloud.events('offerAccepted', { offerId })).toEqual([]);
  });
});

describe('at-least-once, unordered delivery', () => {
  it('keeps one acceptance per item and one open offer per vehicle when every event arrives twice, shuffled', async () => {
    // Prepare: bus-shaped envelopes with the bus's increasing ids, as its sqs listener sends them
    const orgId = randomUUID();
    const pickup = city(8);
    const vehicles = [1, 2, 3].map((km) => vehicleAt(`dup-${km}`, east(pickup, km)));
    const items = [1, 2, 3, 4].map(() => randomUUID());
    let nextId = BigInt(Date.now()) * 1000n;
    const envelope = (type: string, detail: Record<string, unknown>) => {
      nextId += 1n;
      return { ...createEvent(type, detail, 'tests'), id: String(nextId) };
    };
    const facts = [
      ...vehicles.flatMap((vehicleId) => [
        envelope('vehicleRegistered', { vehicleId, orgId, availability: 'offline' }),
        envelope('vehicleStatusChanged', {
          vehicleId,
          orgId,
          availability: 'available',
          previous: 'offline',
          reason: 'onDuty',
        }),
      ]),
      ...items.map((itemId) => envelope('itemCreated', { itemId, orgId, pickup })),
    ];

    // Act: everything twice, in a random order, then every driver accepts, twice, in a random order
    await cloud.sendToInbox(shuffle([...facts, ...facts]));
    const open = await waitFor(
      async () => {
        const { rows } = await cloud.db.query<{ offer_id: string; vehicle_id: string }>(
          "SELECT offer_id, vehicle_id FROM allocation.offers WHERE org_id = $1 AND status = 'open'",
          [orgId],
        );
        return rows.length === vehicles.length ? rows : undefined;
      },
      { what: 'an open offer to each of the three vehicles', timeoutMs: 30_000, intervalMs: 100 },
    );
    const answers = open.map((offer) =>
      envelope('offerAccepted', {
        offerId: offer.offer_id,
        vehicleId: offer.vehicle_id,
        driverId: randomUUID(),
      }),
    );
    await cloud.sendToInbox(shuffle([...answers, ...answers]));
    await cloud.inboxDrained();

    // Assess
    const state = await loadOrgState(cloud.db, orgId, { itemIds: items });
    expect(findInvariantViolations(state)).toEqual([]);
    const statuses = items.map((itemId) => state.items[itemId]?.status).sort();
    expect(statuses).toEqual(['accepted', 'accepted', 'accepted', 'waiting']);
    const acceptances = (
      await Promise.all(items.map((itemId) => cloud.events('allocationAccepted', { itemId })))
    ).flat();
    expect(acceptances).toHaveLength(3);
    expect(new Set(acceptances.map((event) => event.detail.vehicleId)).size).toBe(3);
    const offered = (
      await Promise.all(items.map((itemId) => cloud.events('allocationOffered', { itemId })))
    ).flat();
    expect(offered).toHaveLength(3);
    expect(vehicles.map((vehicleId) => state.vehicles[vehicleId]?.availability)).toEqual([
      'busy',
      'busy',
      'busy',
    ]);
    const unposted = await cloud.db.query('SELECT id FROM allocation.outbox WHERE posted_at IS NULL');
    expect(unposted.rows).toEqual([]);
  }, 90_000);
});

describe('the outbox', () => {
  it('posts at the sweep what a crashed consumer left unposted, and marks it posted', async () => {
    // Prepare: a decision committed, then the consumer died before posting its event
    const itemId = randomUUID();
    const envelope = createEvent(
      'allocationAccepted',
      { offerId: `${itemId}:1`, itemId, orgId: randomUUID(), vehicleId: 'v-crash', driverId: randomUUID() },
      'allocation',
    );
    await cloud.db.query(
      `INSERT INTO allocation.outbox (id, org_id, type, envelope, created_at)
       VALUES ($1, $2, $3, $4, now() - interval '1 minute')`,
      [envelope.id, envelope.detail.orgId, envelope.type, JSON.stringify(envelope)],
    );

    // Act
    await cloud.sweep();

    // Assess
    const logged = await cloud.waitForEvent('allocationAccepted', { itemId });
    expect(logged.detail).toEqual(envelope.detail);
    const { rows } = await cloud.db.query<{ posted: boolean; attempts: number }>(
      'SELECT posted_at IS NOT NULL AS posted, attempts FROM allocation.outbox WHERE id = $1',
      [envelope.id],
    );
    expect(rows).toEqual([{ posted: true, attempts: 1 }]);
  });
});

function shuffle<T>(values: readonly T[]): T[] {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
