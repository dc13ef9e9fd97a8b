import { createEvent, invokeAsync, logger } from '@motorcade/lambda';
import type { PendingEvent } from '../domain/item-events.js';
import type { OutboxEvent } from '../domain/ports.js';
import type { Queryable } from '../store/database.js';
import { PgOutboxStore } from '../store/outbox-store.js';
import { sendEventArn } from './settings.js';

/**
 * The envelope an event will be posted in, built when it is stored: the library's `createEvent`
 * (correlation and causation ids of the current request or event), whose id the bus keeps as the
 * publish key, so the relay's repost of an event already posted is logged once.
 * @example
 * const stored = stampEvent(itemCreated(item));
 */
export function stampEvent(event: PendingEvent): OutboxEvent {
  const envelope = createEvent(event.type, event.detail);
  return { id: envelope.id, type: event.type, envelope };
}

/**
 * Posts stored events to the bus (an async invoke of SendEvent, as `postEvent` does) and marks
 * those the bus accepted. A failure is logged, not thrown: the event is safe in the outbox, and
 * the RelayOutbox schedule posts it later. Answers how many were posted.
 * @example
 * await publishEvents(db, outcome.events);
 */
export async function publishEvents(db: Queryable, events: readonly OutboxEvent[]): Promise<number> {
  const posted: string[] = [];
  for (const event of events) {
    try {
      await invokeAsync(sendEventArn(), event.envelope);
      posted.push(event.id);
    } catch (error) {
      logger.warn('Event not posted; the outbox relay will retry it', {
        eventId: event.id,
        eventType: event.type,
        error,
      });
    }
  }
  try {
    await new PgOutboxStore(db).markPosted(posted);
  } catch (error) {
    // Unmarked, they are posted again by the relay, and the bus drops the repeats by publish key.
    logger.warn('Posted events not marked; the relay will repost them', { eventIds: posted, error });
  }
  return posted.length;
}
