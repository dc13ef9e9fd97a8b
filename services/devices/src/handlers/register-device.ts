import { respond } from '@motorcade/lambda';
import { DeviceAdmin } from '../domain/device-admin.js';
import { registerDeviceRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { PgDeviceStore } from '../store/device-store.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `POST /devices` (admins): a device for a vehicle, with its secret shown this once; 201. */
export const handler = userRoute({
  action: 'registerDevice',
  connections: [db],
  request: { body: registerDeviceRequestSchema },
  handler: async ({ body }, caller) => {
    const device = await new DeviceAdmin(new PgDeviceStore(db)).register(caller, body);
    return respond(201, device, { location: `/devices/${device.id}`, 'cache-control': 'no-store' });
  },
});
