import { DeviceAdmin } from '../domain/device-admin.js';
import { listDevicesQuerySchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgDeviceStore } from '../store/device-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `GET /devices?vehicleId=` (admins, dispatchers): the organisation's devices. */
export const handler = userRoute({
  action: 'listDevices',
  connections: [db],
  request: { query: listDevicesQuerySchema },
  handler: async ({ query }, caller) => new DeviceAdmin(new PgDeviceStore(db)).list(caller, query),
});
