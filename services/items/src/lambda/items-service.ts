import { randomUUID } from 'node:crypto';
import type { PgConnection } from '@motorcade/lambda';
import { ItemsService } from '../domain/items-service.js';
import { PgItemStore } from '../store/item-store.js';

/**
 * The service over the function's connection, with the real clock and UUIDs.
 * @example
 * const { item } = await itemsService(db).move(actor, path.itemId, { to: 'cancelled' });
 */
export function itemsService(db: PgConnection): ItemsService {
  return new ItemsService(new PgItemStore(db), {
    now: () => new Date(),
    newId: randomUUID,
  });
}
