import { DeviceAdmin } from '../domain/device-admin.js';
import { devicePathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgDeviceStore } from '../store/device-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `DELETE /devices/{deviceId}` (admins): revokes the device for good; 204. */
export const handler = userRoute({
  action: 'revokeDevice',
  connections: [db],
  request: { path: devicePathSchema },
  handler: async ({ path }, caller) => {
    await new DeviceAdmin(new PgDeviceStore(db)).revoke(caller, path.deviceId);
  },
});
