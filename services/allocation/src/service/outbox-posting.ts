import { createEvent } from '@motorcade/lambda';
import type { AllocationEvent } from '../domain/index.js';
import type { Queryable } from '../store/database.js';
import { markPosted, type OutboxEntry } from '../store/outbox-store.js';
import type { Cause, Log, PostEnvelope } from './ports.js';

/**
 * The envelope of an event a decision emitted, made once and stored in the outbox, so every
 * attempt to post it carries the same id: the bus's publish key, which logs it once however often
 * it is posted. Events caused by a bus event carry its correlation id and its id as the cause.
 * @example
 * const envelope = envelopeOf(event, { id: input.id, correlationId: envelope.correlationId });
 */
export function envelopeOf(event: AllocationEvent, cause?: Cause) {
  const envelope = createEvent(event.type, event.detail);
  return cause === undefined
    ? envelope
    : { ...envelope, correlationId: cause.correlationId, causationId: cause.id };
}

/**
 * Posts outbox entries in order and marks the ones that went. It stops at the first failure (a
 * later event must not overtake an earlier one of the same decision needlessly) and leaves the
 * rest for the sweep, which posts leftovers every minute; the decision is already committed, so
 * nothing is lost. Returns how many were posted.
 * @example
 * await postEntries(db, post, entries, log);
 */
export async function postEntries(
  db: Queryable,
  post: PostEnvelope,
  entries: readonly OutboxEntry[],
  log: Log,
): Promise<number> {
  const posted: string[] = [];
  for (const entry of entries) {
    try {
      await post(entry.envelope);
      posted.push(entry.id);
    } catch (error) {
      log('Posting an outbox event failed; the sweep will post it', { outboxId: entry.id, error });
      break;
    }
  }
  await markPosted(db, posted);
  return posted.length;
}
