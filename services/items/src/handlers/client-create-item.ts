import { respond } from '@motorcade/lambda';
import { ITEM_SCOPES, requireScope } from '../domain/access.js';
import { itemView } from '../domain/item-view.js';
import { createItemHeadersSchema } from '../domain/requests.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { clientRoute } from '../lambda/routes.js';
import { itemsOutbox } from '../store/outbox.js';

// Client systems call this in bursts, but a warm pool per environment would multiply idle server
// connections by the function's concurrency: one connection per invocation, closed before answering.
const db = database('close-after-invocation');

/**
 * `POST /items` (key `items:write`, `Idempotency-Key` header): 201 with the new item, or 200 with
 * the item the key already created; `itemCreated` goes through the outbox.
 */
export const handler = clientRoute({
  action: 'clientCreateItem',
  connections: [db],
  request: { headers: createItemHeadersSchema },
  handler: async ({ headers, body }, caller) => {
    const actor = requireScope(caller, ITEM_SCOPES.write);
    const key = headers['idempotency-key'];
    const { item, created, events } = await itemsService(db).create(actor, key, body);
    await itemsOutbox.publish(db, events);
    return respond(created ? 201 : 200, itemView(item), {
      location: `/items/${item.id}`,
      'idempotency-key': key,
    });
  },
});
