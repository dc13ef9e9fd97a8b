import { waitFor } from '../../../../event-bus/tests/integration/support/wait-for.js';
import { type ApiResponse, request } from '../../../../users/tests/support/api-client.js';
import { seedTenant, type Tenant } from '../../../../users/tests/support/tenants.js';
import type { VehicleView } from '../../../src/domain/vehicle.js';
import { type FleetCloud, startFleetCloud } from './fleet-cloud.js';

let plates = 0;

/**
 * A vehicle body with a plate no other test of this file uses.
 * @example
 * await call(acme.tokens.admin, 'POST', '', newVan('Second van'));
 */
export function newVan(name = 'Van'): {
  name: string;
  plate: string;
  vehicleType: string;
  capacityKg: number;
} {
  plates += 1;
  return { name, plate: `VT ${String(plates).padStart(3, '0')}`, vehicleType: 'van', capacityKg: 750 };
}

/** The fleet cloud seeded with the tenants acme and globex, and the calls the tests make on it. */
export interface VehiclesSuite {
  readonly cloud: FleetCloud;
  /** The gateway URL of the vehicles API. */
  readonly api: string;
  readonly acme: Tenant;
  readonly globex: Tenant;
  /** Calls the vehicles API (a path under it) with this access token and, unless undefined, this body. */
  call<T = VehicleView>(
    token: string,
    method: string,
    path?: string,
    body?: unknown,
  ): Promise<ApiResponse<T>>;
  /** Registers a new van of the tenant as its admin; throws unless the API answered 201. */
  register(tenant: Tenant, name?: string): Promise<VehicleView>;
  /** Waits until the bus has logged `count` events of `type` for the vehicle, and returns their details, oldest first. */
  onBus(type: string, vehicleId: string, count: number): Promise<Record<string, unknown>[]>;
}

/**
 * Starts the fleet cloud (see {@link startFleetCloud}), seeds the tenants acme and globex, and
 * binds the suite's calls to them.
 * @example
 * ({ cloud, acme, globex, call, register, onBus } = await startVehiclesSuite());
 */
export async function startVehiclesSuite(): Promise<VehiclesSuite> {
  const cloud = await startFleetCloud();
  try {
    const api = cloud.api('vehicles');
    const acme = await seedTenant(cloud, 'acme');
    const globex = await seedTenant(cloud, 'globex');

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
    const onBus = (type: string, vehicleId: string, count: number) =>
      waitFor(
        async () => {
          const details = await busDetails(type, vehicleId);
          return details.length >= count ? details : undefined;
        },
        { what: `${count} ${type} event(s) of ${vehicleId} on the bus` },
      );

    return { cloud, api, acme, globex, call, register, onBus };
  } catch (error) {
    // The test file's afterAll never sees a cloud whose seeding failed, so it is stopped here.
    await cloud.stop();
    throw error;
  }
}
