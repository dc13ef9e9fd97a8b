import { assignDriverRequestSchema, vehiclePathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { vehicleAdminOn } from '../lambda/vehicle-admin.js';

// Assignments are occasional: no connection is held between invocations.
const db = database('close-after-invocation');

/** `PUT /vehicles/{vehicleId}/driver` (admins, dispatchers): `{ driverId }` or `{ driverId: null }`. */
export const handler = userRoute({
  action: 'assignDriver',
  connections: [db],
  request: { path: vehiclePathSchema, body: assignDriverRequestSchema },
  handler: async ({ path, body }, caller) => vehicleAdminOn(db).assignDriver(caller, path.vehicleId, body),
});
