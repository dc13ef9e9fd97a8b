import { DeviceAdmin } from '../domain/device-admin.js';
import { devicePathSchema, updateDeviceRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgDeviceStore } from '../store/device-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `PATCH /devices/{deviceId}` (admins): moves a device to another vehicle, or renames it. */
export const handler = userRoute({
  action: 'updateDevice',
  connections: [db],
  request: { path: devicePathSchema, body: updateDeviceRequestSchema },
  handler: async ({ path, body }, caller) =>
    new DeviceAdmin(new PgDeviceStore(db)).update(caller, path.deviceId, body),
});
