import { requireDriver } from '../domain/access.js';
import { itemView } from '../domain/item-view.js';
import { DRIVER_LIST_STATUSES } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { userRoute } from '../lambda/routes.js';

// One connection per invocation, closed before answering (see client-create-item.ts).
const db = database('close-after-invocation');

/** `GET /items/driver` (user driver): the caller's allocated and picked-up items. */
export const handler = userRoute({
  action: 'driverListItems',
  connections: [db],
  handler: async (_request, caller) => {
    const driver = requireDriver(caller);
    const items = await itemsService(db).list(
      { orgId: driver.orgId, driverId: driver.userId },
      DRIVER_LIST_STATUSES,
    );
    return { items: items.map(itemView) };
  },
});
