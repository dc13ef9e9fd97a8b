import { respond } from '@motorcade/lambda';
import { createVehicleRequestSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { vehicleAdminOn } from '../lambda/vehicle-admin.js';

// Administration is rare: no connection is held between invocations.
const db = database('close-after-invocation');

/** `POST /vehicles` (admins): registers a vehicle, offline and without a driver; 201. */
export const handler = userRoute({
  action: 'createVehicle',
  connections: [db],
  request: { body: createVehicleRequestSchema },
  handler: async ({ body }, caller) => {
    const vehicle = await vehicleAdminOn(db).create(caller, body);
    return respond(201, vehicle, { location: `/vehicles/${vehicle.vehicleId}` });
  },
});
