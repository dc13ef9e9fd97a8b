import { listener, logger } from '@motorcade/lambda';
import { fanOutEvent } from '../domain/fan-out.js';
import { fleetEventDetailSchema, PUSHED_EVENT_TYPES } from '../domain/fleet-events.js';
import { connectionsPusher } from '../lambda/connections-client.js';
import { database } from '../lambda/database.js';
import { pushConcurrency } from '../lambda/settings.js';
import { PgConnectionStore } from '../store/connection-store.js';

// Every fleet event passes here: keep the connection warm.
const db = database('reuse-across-invocations');
const pusher = connectionsPusher();

/**
 * The bus's lambda listener for every pushed fleet event type: sends `{ type: 'event', event: { id,
 * type, time, detail } }` to each connection of the event's organisation (`detail.orgId`).
 */
export const handler = listener({
  action: 'pushEvent',
  types: PUSHED_EVENT_TYPES,
  detail: fleetEventDetailSchema,
  connections: [db],
  handler: async (event) => {
    const report = await fanOutEvent(
      { store: new PgConnectionStore(db), pusher, concurrency: pushConcurrency() },
      event.detail.orgId,
      event,
    );
    logger.info('Event pushed', {
      eventId: event.id,
      eventType: event.type,
      orgId: event.detail.orgId,
      delivered: report.delivered,
      gone: report.gone,
    });
  },
});
