import { z } from 'zod';

/**
 * The most events SendEvent takes in one invocation, as EventBridge's PutEvents and SNS's
 * PublishBatch take ten: enough to make a busy publisher cheap, few enough that one invocation's
 * work (each event logged, then delivered to every listener) stays short.
 */
export const EVENT_BATCH_LIMIT = 10;

/**
 * What SendEvent accepts beside a single envelope: `{ events: [envelope, …] }`, 1 to
 * {@link EVENT_BATCH_LIMIT} of them. The entries are checked one by one by the bus (an invalid one
 * is refused alone), so here they are only required to be there.
 * @example
 * const batch = eventBatchSchema.safeParse(payload); // batch.data.events: unknown[]
 */
export const eventBatchSchema = z.object({
  events: z.array(z.unknown()).min(1).max(EVENT_BATCH_LIMIT),
});

/**
 * Whether a payload is meant as a batch (an object with an `events` key), valid or not — an
 * envelope never has one.
 * @example
 * if (isEventBatchPayload(payload)) return publishBatch(payload);
 */
export function isEventBatchPayload(payload: unknown): payload is { events: unknown } {
  return typeof payload === 'object' && payload !== null && 'events' in payload;
}
