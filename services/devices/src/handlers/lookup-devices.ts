import { callable } from '@motorcade/lambda';
import { lookupDevices, lookupDevicesInputSchema } from '../domain/device-lookup.js';
import { database } from '../lambda/database.js';
import { PgDeviceStore } from '../store/device-store.js';

// Called for positions arriving over MQTT and in batches (tracking caches the answers briefly).
const db = database('reuse-across-invocations');

/**
 * The function other stacks import as `<devices stack>-LookupDevicesArn`: `{ deviceIds }` or
 * `{ orgId, uniqueIds }` → `{ devices: [{ deviceId, uniqueId, orgId, vehicleId }] }`, revoked and
 * unknown devices left out.
 */
export const handler = callable({
  action: 'lookupDevices',
  connections: [db],
  input: lookupDevicesInputSchema,
  handler: async (input) => lookupDevices(new PgDeviceStore(db), input),
});
