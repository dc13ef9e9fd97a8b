import { randomUUID } from 'node:crypto';
import { waitFor } from '../../../../event-bus/tests/integration/support/wait-for.js';
import type { AllocationCloud } from './allocation-cloud.js';

/** A point; the tracking stand-in reads a vehicle's position from its id. */
export interface Point {
  readonly lat: number;
  readonly lon: number;
}

/** A point `km` kilometres east of `from` (about 68 km per degree of longitude at 52°N). */
export const east = (from: Point, km: number): Point => ({ lat: from.lat, lon: from.lon + km / 68 });

/** A fresh vehicle id that places the vehicle at `at` for the tracking stand-in. */
export const vehicleAt = (name: string, at: Point): string =>
  `${name}-${randomUUID().slice(0, 8)}@${at.lat.toFixed(5)},${at.lon.toFixed(5)}`;

/** A fresh vehicle id with no position: tracking reports it `unknown`. */
export const vehicleNowhere = (name: string): string => `${name}-${randomUUID().slice(0, 8)}`;

/**
 * Publishes, as the vehicles service would, a vehicle registered offline and then put on duty,
 * and waits until allocation has it available (so what the test does next finds it so).
 * @example
 * await vehicleOnDuty(cloud, orgId, vehicleAt('near', east(PICKUP, 1)));
 */
export async function vehicleOnDuty(cloud: AllocationCloud, orgId: string, vehicleId: string): Promise<void> {
  await cloud.publish('vehicleRegistered', {
    vehicleId,
    orgId,
    name: vehicleId,
    plate: 'T-1',
    vehicleType: 'van',
    capacityKg: 500,
    availability: 'offline',
  });
  await cloud.publish('vehicleStatusChanged', {
    vehicleId,
    orgId,
    availability: 'available',
    previous: 'offline',
    reason: 'onDuty',
  });
  await availabilityIs(cloud, vehicleId, 'available');
}

/** Waits until allocation's read model has the vehicle's availability so. */
export function availabilityIs(
  cloud: AllocationCloud,
  vehicleId: string,
  availability: string,
): Promise<true> {
  return waitFor(
    async () => {
      const { rows } = await cloud.db.query(
        'SELECT availability FROM allocation.vehicles WHERE vehicle_id = $1',
        [vehicleId],
      );
      return rows[0]?.availability === availability ? true : undefined;
    },
    { what: `${vehicleId} to be ${availability} in allocation`, timeoutMs: 30_000, intervalMs: 100 },
  );
}

/**
 * Publishes `driverAssigned` and waits until allocation knows the driver drives the vehicle.
 * @example
 * await assignDriver(cloud, orgId, vehicleId, acme.userIds.driver1);
 */
export async function assignDriver(
  cloud: AllocationCloud,
  orgId: string,
  vehicleId: string,
  driverId: string,
): Promise<void> {
  await cloud.publish('driverAssigned', { vehicleId, orgId, driverId, previousDriverId: null });
  await waitFor(
    async () => {
      const { rows } = await cloud.db.query(
        'SELECT driver_id FROM allocation.vehicle_drivers WHERE vehicle_id = $1',
        [vehicleId],
      );
      return rows[0]?.driver_id === driverId ? true : undefined;
    },
    { what: `${driverId} to drive ${vehicleId} in allocation`, timeoutMs: 30_000, intervalMs: 100 },
  );
}

/**
 * Publishes `itemCreated` for a new item of the organisation picked up at `pickup`; returns its id.
 * @example
 * const itemId = await createItem(cloud, orgId, PICKUP);
 */
export async function createItem(cloud: AllocationCloud, orgId: string, pickup: Point): Promise<string> {
  const itemId = randomUUID();
  await cloud.publish('itemCreated', {
    itemId,
    orgId,
    clientId: randomUUID(),
    reference: `REF-${itemId.slice(0, 6)}`,
    pickup: { ...pickup, address: 'Alexanderplatz 1, Berlin' },
    dropoff: { lat: pickup.lat + 0.05, lon: pickup.lon },
    window: null,
    sizeKg: 3,
  });
  return itemId;
}
