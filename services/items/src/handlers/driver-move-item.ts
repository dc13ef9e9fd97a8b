import { requireDriver } from '../domain/access.js';
import { itemView } from '../domain/item-view.js';
import { itemPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { userRoute } from '../lambda/routes.js';
import { itemsOutbox } from '../store/outbox.js';

// One connection per invocation, closed before answering (see client-create-item.ts).
const db = database('close-after-invocation');

// Only the driver the item is allocated to may move it; anyone else's item is a 404.
const moveTo = (action: string, to: 'picked_up' | 'delivered') =>
  userRoute({
    action,
    connections: [db],
    request: { path: itemPathSchema },
    handler: async ({ path }, caller) => {
      const { item, events } = await itemsService(db).move(requireDriver(caller), path.itemId, { to });
      await itemsOutbox.publish(db, events);
      return itemView(item);
    },
  });

/** `POST /items/driver/{itemId}/pickup` (user driver): `allocated → picked_up`. */
export const pickup = moveTo('driverPickupItem', 'picked_up');

/** `POST /items/driver/{itemId}/deliver` (user driver): `picked_up → delivered`. */
export const deliver = moveTo('driverDeliverItem', 'delivered');
