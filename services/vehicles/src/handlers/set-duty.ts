import { dutyRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { vehicleAdminOn } from '../lambda/vehicle-admin.js';

// Every driver goes on and off duty through here, at shift changes all at once: keep it warm.
const db = database('reuse-across-invocations');

/** `POST /vehicles/mine/duty` (drivers): `{ onDuty }` → the vehicle, its availability changed. */
export const handler = userRoute({
  action: 'setDuty',
  connections: [db],
  request: { body: dutyRequestSchema },
  handler: async ({ body }, caller) => vehicleAdminOn(db).setDuty(caller, body.onDuty),
});
