import { respond } from '@motorcade/lambda';
import { DeviceAdmin } from '../domain/device-admin.js';
import { devicePathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgDeviceStore } from '../store/device-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `POST /devices/{deviceId}/secret` (admins): a new secret, shown this once; the old one stops. */
export const handler = userRoute({
  action: 'replaceDeviceSecret',
  connections: [db],
  request: { path: devicePathSchema },
  handler: async ({ path }, caller) =>
    respond(200, await new DeviceAdmin(new PgDeviceStore(db)).replaceSecret(caller, path.deviceId), {
      'cache-control': 'no-store',
    }),
});
