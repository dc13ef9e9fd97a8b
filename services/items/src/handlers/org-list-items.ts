import { requireRole } from '../domain/access.js';
import { itemView } from '../domain/item-view.js';
import { listItemsQuerySchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { userRoute } from '../lambda/routes.js';

// One connection per invocation, closed before answering (see client-create-item.ts).
const db = database('close-after-invocation');

/** `GET /items/org?status=` (user admin, dispatcher): the organisation's items, newest first. */
export const handler = userRoute({
  action: 'orgListItems',
  connections: [db],
  request: { query: listItemsQuerySchema },
  handler: async ({ query }, caller) => {
    requireRole(caller, 'admin', 'dispatcher');
    const items = await itemsService(db).list(
      { orgId: caller.orgId },
      query.status ? [query.status] : undefined,
    );
    return { items: items.map(itemView) };
  },
});
