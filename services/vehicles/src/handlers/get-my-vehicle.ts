import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { vehicleAdminOn } from '../lambda/vehicle-admin.js';

// Every driver app asks at start and on resume: keep the connection warm.
const db = database('reuse-across-invocations');

/** `GET /vehicles/mine` (drivers): the vehicle the caller drives, else 404 `NO_VEHICLE`. */
export const handler = userRoute({
  action: 'getMyVehicle',
  connections: [db],
  handler: async (_request, caller) => vehicleAdminOn(db).mine(caller),
});
