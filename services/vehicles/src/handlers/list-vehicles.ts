import { listVehiclesQuerySchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { userRoute } from '../lambda/routes.js';
import { vehicleAdminOn } from '../lambda/vehicle-admin.js';

// Dispatch screens poll this: keep the connection warm.
const db = database('reuse-across-invocations');

/** `GET /vehicles?availability=` (admins, dispatchers): the organisation's vehicles. */
export const handler = userRoute({
  action: 'listVehicles',
  connections: [db],
  request: { query: listVehiclesQuerySchema },
  handler: async ({ query }, caller) => vehicleAdminOn(db).list(caller, query),
});
