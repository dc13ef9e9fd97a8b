import { updateVehicleRequestSchema, vehiclePathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { vehicleAdminOn } from '../lambda/vehicle-admin.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `PATCH /vehicles/{vehicleId}` (admins): name, plate, vehicleType, capacityKg. */
export const handler = userRoute({
  action: 'updateVehicle',
  connections: [db],
  request: { path: vehiclePathSchema, body: updateVehicleRequestSchema },
  handler: async ({ path, body }, caller) => vehicleAdminOn(db).update(caller, path.vehicleId, body),
});
