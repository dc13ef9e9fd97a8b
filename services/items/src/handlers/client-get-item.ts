import { ITEM_SCOPES, requireScope } from '../domain/access.js';
import { itemView } from '../domain/item-view.js';
import { itemPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { clientRoute } from '../lambda/routes.js';

// One connection per invocation, closed before answering (see client-create-item.ts).
const db = database('close-after-invocation');

/** `GET /items/{itemId}` (key `items:read`): one item of the client system, else 404. */
export const handler = clientRoute({
  action: 'clientGetItem',
  connections: [db],
  request: { path: itemPathSchema },
  handler: async ({ path }, caller) => {
    const actor = requireScope(caller, ITEM_SCOPES.read);
    return itemView(
      await itemsService(db).get({ orgId: actor.orgId, clientId: actor.clientId }, path.itemId),
    );
  },
});
