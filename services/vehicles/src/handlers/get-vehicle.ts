import { vehiclePathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { vehicleAdminOn } from '../lambda/vehicle-admin.js';

// Dispatch screens poll this: keep the connection warm.
const db = database('reuse-across-invocations');

/** `GET /vehicles/{vehicleId}` (admins, dispatchers): one vehicle, else 404. */
export const handler = userRoute({
  action: 'getVehicle',
  connections: [db],
  request: { path: vehiclePathSchema },
  handler: async ({ path }, caller) => vehicleAdminOn(db).get(caller, path.vehicleId),
});
