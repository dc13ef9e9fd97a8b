import type { SeedDemoInput } from './requests.js';
import { assignVehicleDriver, type CommandContext, registerVehicle } from './vehicle-commands.js';

/** One demo vehicle as seeding left it. */
export interface SeededVehicle {
  readonly vehicleId: string;
  readonly name: string;
  readonly driverId: string | null;
}

/**
 * Creates, once, demo vehicles `Demo van 1..N` (plates `DEMO-001`…, 800 kg) and gives driver i
 * van i; calling it again creates only what is missing and re-assigns a driver only where it
 * differs. Posts the same events as the API (`vehicleRegistered`, `driverAssigned`, …).
 * @example
 * const { vehicles } = await seedDemo(context, { orgId, drivers: [driver1, driver2] });
 */
export async function seedDemo(
  context: CommandContext,
  input: SeedDemoInput,
): Promise<{ vehicles: SeededVehicle[] }> {
  const count = input.count ?? input.drivers.length;
  const vehicles: SeededVehicle[] = [];
  for (let index = 0; index < count; index += 1) {
    const number = index + 1;
    const name = `Demo van ${number}`;
    const existing = await context.store.findByName(input.orgId, name);
    const vehicle =
      existing ??
      (await registerVehicle(context, input.orgId, {
        name,
        plate: `DEMO-${String(number).padStart(3, '0')}`,
        vehicleType: 'van',
        capacityKg: 800,
      }));
    const driverId = input.drivers[index];
    const driven =
      driverId === undefined || vehicle.driverId === driverId
        ? vehicle
        : await assignVehicleDriver(context, input.orgId, vehicle.id, driverId);
    vehicles.push({ vehicleId: driven.id, name: driven.name, driverId: driven.driverId });
  }
  return { vehicles };
}
