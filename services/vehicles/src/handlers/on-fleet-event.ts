import { listener, logger } from '@motorcade/lambda';
import { z } from 'zod';
import {
  onAllocationAccepted,
  onItemStatusChanged,
  type ReactionOutcome,
} from '../domain/fleet-reactions.js';
import { database } from '../lambda/database.js';
import { outboxPublisher } from '../lambda/outbox-publisher.js';
import { PgVehicleStore } from '../store/vehicle-store.js';

// Every allocation and every delivery passes here: keep the connection warm.
const db = database('reuse-across-invocations');

/** The fields of `allocationAccepted` and `itemStatusChanged` this service reads (docs/fleet.md). */
const detailSchema = z.looseObject({
  itemId: z.string().min(1),
  orgId: z.string().min(1),
  vehicleId: z.string().min(1).nullable(),
  status: z.string().optional(),
});

/**
 * The vehicles' lambda listener: `allocationAccepted` makes a vehicle busy; `itemStatusChanged`
 * to delivered, cancelled or failed releases it. Idempotent by the bus's event id.
 */
export const handler = listener({
  action: 'applyFleetEvent',
  types: ['allocationAccepted', 'itemStatusChanged'],
  detail: detailSchema,
  connections: [db],
  handler: async (event) => {
    const context = { store: new PgVehicleStore(db), publisher: outboxPublisher(db), now: new Date() };
    const { itemId, orgId, vehicleId } = event.detail;
    let outcome: ReactionOutcome = 'notForVehicles';
    if (event.type === 'allocationAccepted' && vehicleId !== null)
      outcome = await onAllocationAccepted(context, event.id, { itemId, orgId, vehicleId });
    if (event.type === 'itemStatusChanged')
      outcome = await onItemStatusChanged(context, event.id, {
        itemId,
        orgId,
        vehicleId,
        status: event.detail.status ?? '',
      });
    logger.info('Fleet event handled', { eventType: event.type, eventId: event.id, vehicleId, outcome });
  },
});
