import { z } from 'zod';
import { uniqueIdSchema } from './requests.js';

/** The most devices one `LookupDevices` call may name: a batch of positions names at most this many. */
export const MAX_LOOKUP = 1000;

/**
 * The input of the exported `LookupDevices` function: device ids (an MQTT topic names the device by
 * its id, which the broker's authorizer already checked), or an organisation and the unique ids its
 * client system sends (a batch from a gateway, whose API key named the organisation).
 */
export const lookupDevicesInputSchema = z.union([
  z.strictObject({ deviceIds: z.array(z.uuid()).max(MAX_LOOKUP) }),
  z.strictObject({ orgId: z.uuid(), uniqueIds: z.array(uniqueIdSchema).max(MAX_LOOKUP) }),
]);
/** A `LookupDevices` request. */
export type LookupDevicesInput = z.infer<typeof lookupDevicesInputSchema>;

/** One live device as `LookupDevices` answers it. */
export interface LookedUpDevice {
  readonly deviceId: string;
  readonly uniqueId: string;
  readonly orgId: string;
  readonly vehicleId: string;
}

/** What the domain needs of the store to look devices up. */
export interface DeviceDirectory {
  /** Live devices among these ids, in any organisation. */
  liveByIds(deviceIds: readonly string[]): Promise<LookedUpDevice[]>;
  /** Live devices of the organisation sending these unique ids. */
  liveByUniqueIds(orgId: string, uniqueIds: readonly string[]): Promise<LookedUpDevice[]>;
}

/**
 * Resolves devices to their organisation and vehicle without a secret: for positions whose sender
 * was authenticated otherwise (MQTT by the broker, a batch by an API key). Revoked and unknown
 * devices are left out, so the caller sees which ids named nothing. One query, whatever the count.
 * @example
 * const { devices } = await lookupDevices(store, { orgId, uniqueIds: ['356938035643809'] });
 */
export async function lookupDevices(
  directory: DeviceDirectory,
  input: LookupDevicesInput,
): Promise<{ devices: LookedUpDevice[] }> {
  const ids = 'deviceIds' in input ? input.deviceIds : input.uniqueIds;
  if (ids.length === 0) return { devices: [] };
  const unique = [...new Set(ids)];
  const devices =
    'deviceIds' in input
      ? await directory.liveByIds(unique)
      : await directory.liveByUniqueIds(input.orgId, unique);
  return { devices };
}
