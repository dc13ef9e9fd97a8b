import { ITEM_SCOPES, requireScope } from '../domain/access.js';
import { itemView } from '../domain/item-view.js';
import { itemPathSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { clientRoute } from '../lambda/routes.js';
import { itemsOutbox } from '../store/outbox.js';

// One connection per invocation, closed before answering (see client-create-item.ts).
const db = database('close-after-invocation');

/**
 * `POST /items/{itemId}/cancel` (key `items:write`): the item, cancelled; allowed until pickup
 * (409 `ILLEGAL_TRANSITION` after). Cancelling a cancelled item answers it unchanged.
 */
export const handler = clientRoute({
  action: 'clientCancelItem',
  connections: [db],
  request: { path: itemPathSchema },
  handler: async ({ path }, caller) => {
    const actor = requireScope(caller, ITEM_SCOPES.write);
    const { item, events } = await itemsService(db).move(actor, path.itemId, {
      to: 'cancelled',
      reason: 'cancelled by the client',
    });
    await itemsOutbox.publish(db, events);
    return itemView(item);
  },
});
