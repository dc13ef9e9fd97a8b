import { listener, logger } from '@motorcade/lambda';
import {
  ALLOCATION_EVENT_TYPES,
  type AllocationEventType,
  allocationChange,
  allocationEventDetailSchema,
} from '../domain/allocation-events.js';
import { ITEMS_ERROR, ItemsError } from '../domain/errors.js';
import { database } from '../lambda/database.js';
import { itemsService } from '../lambda/items-service.js';
import { itemsOutbox } from '../store/outbox.js';

// Called once per allocation event; one connection per invocation, closed before returning.
const db = database('close-after-invocation');

/**
 * `AllocationEvent`, the bus's lambda listener for `allocationOffered`, `allocationAccepted` and
 * `allocationFailed`: moves the item to `allocating`, `allocated` (with vehicle and driver) or
 * `unallocated`. A repeated or overtaken event changes nothing; an event for an item this service
 * does not have is logged and acknowledged. A database failure is thrown, so Lambda retries it.
 */
export const handler = listener({
  action: 'applyAllocationEvent',
  types: ALLOCATION_EVENT_TYPES,
  detail: allocationEventDetailSchema,
  connections: [db],
  handler: async (event) => {
    const { itemId, orgId } = event.detail;
    const change = allocationChange(event.type as AllocationEventType, event.detail);
    try {
      const result = await itemsService(db).applyAllocation(orgId, itemId, change);
      if (!result) {
        logger.warn('Allocation event for an unknown item; acknowledged', {
          eventId: event.id,
          itemId,
          orgId,
        });
        return;
      }
      logger.info('Allocation event applied', { eventId: event.id, itemId, outcome: result.outcome });
      await itemsOutbox.publish(db, result.events);
    } catch (error) {
      // Retrying cannot reconcile two vehicles for one item: say so loudly and move on.
      if (error instanceof ItemsError && error.code === ITEMS_ERROR.allocationConflict) {
        logger.error('Allocation event conflicts with the item’s allocation; acknowledged', {
          eventId: event.id,
          itemId,
          error,
        });
        return;
      }
      throw error;
    }
  },
});
