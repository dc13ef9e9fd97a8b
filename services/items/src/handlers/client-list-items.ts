import { ITEM_SCOPES, requireScope } from '../domain/access.js';
import { itemView } from '../domain/item-view.js';
import { listItemsQuerySchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { clientRoute } from '../lambda/routes.js';

// One connection per invocation, closed before answering (see client-create-item.ts).
const db = database('close-after-invocation');

/** `GET /items?status=` (key `items:read`): the client system's items, newest first. */
export const handler = clientRoute({
  action: 'clientListItems',
  connections: [db],
  request: { query: listItemsQuerySchema },
  handler: async ({ query }, caller) => {
    const actor = requireScope(caller, ITEM_SCOPES.read);
    const items = await itemsService(db).list(
      { orgId: actor.orgId, clientId: actor.clientId },
      query.status ? [query.status] : undefined,
    );
    return { items: items.map(itemView) };
  },
});
