import { DeviceAdmin } from '../domain/device-admin.js';
import { devicePathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgDeviceStore } from '../store/device-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `GET /devices/{deviceId}` (admins, dispatchers): one device, else 404. */
export const handler = userRoute({
  action: 'getDevice',
  connections: [db],
  request: { path: devicePathSchema },
  handler: async ({ path }, caller) => new DeviceAdmin(new PgDeviceStore(db)).get(caller, path.deviceId),
});
