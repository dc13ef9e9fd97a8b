import { requireRole } from '../domain/access.js';
import { itemView } from '../domain/item-view.js';
import { itemPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { userRoute } from '../lambda/routes.js';

// One connection per invocation, closed before answering (see client-create-item.ts).
const db = database('close-after-invocation');

/** `GET /items/org/{itemId}` (user admin, dispatcher): one item with its timeline, oldest first. */
export const handler = userRoute({
  action: 'orgGetItem',
  connections: [db],
  request: { path: itemPathSchema },
  handler: async ({ path }, caller) => {
    requireRole(caller, 'admin', 'dispatcher');
    const { item, timeline } = await itemsService(db).withTimeline(caller.orgId, path.itemId);
    return { ...itemView(item), timeline };
  },
});
