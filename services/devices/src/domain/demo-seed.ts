import { randomUUID } from 'node:crypto';
import { newDeviceSecret } from './device-secret.js';
import type { DeviceStore } from './ports.js';
import type { SeedDemoInput } from './requests.js';

/** One demo device; `secret` only when this call created it (it is shown once). */
export interface SeededDevice {
  readonly deviceId: string;
  readonly vehicleId: string;
  readonly uniqueId: string;
  readonly secret?: string;
}

/**
 * Creates, once, one device per demo vehicle (unique id `<vehicleId>-tracker`). Calling it again
 * creates only what is missing; secrets are returned only for devices this call created.
 * @example
 * const { devices } = await seedDemo(store, { orgId, vehicleIds: ['demo-vehicle-1'] });
 */
export async function seedDemo(
  store: DeviceStore,
  input: SeedDemoInput,
): Promise<{ devices: SeededDevice[] }> {
  const existing = await store.list(input.orgId, {});
  const devices: SeededDevice[] = [];
  for (const vehicleId of input.vehicleIds) {
    const uniqueId = `${vehicleId}-tracker`;
    const found = existing.find((device) => device.uniqueId === uniqueId && device.revokedAt === null);
    if (found) {
      devices.push({ deviceId: found.id, vehicleId, uniqueId });
      continue;
    }
    const { secret, hash } = newDeviceSecret();
    const device = await store.register({
      id: randomUUID(),
      orgId: input.orgId,
      vehicleId,
      uniqueId,
      name: `Demo tracker of ${vehicleId}`,
      secretHash: hash,
      createdBy: null,
    });
    devices.push({ deviceId: device.id, vehicleId, uniqueId, secret });
  }
  return { devices };
}
