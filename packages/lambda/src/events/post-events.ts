import { ConfigurationError } from '../errors/lambda-library-error.js';
import { invokeAsync } from '../invoke/invoke.js';
import { LAMBDA_ASYNC_LIMIT_BYTES } from '../offload/payload-limits.js';
import { EVENT_BATCH_LIMIT } from '../types/event-batch.js';
import type { EventEnvelope } from '../types/event-envelope.js';
import { createEvent, EventTooLargeError, SEND_EVENT_ARN_ENV } from './create-event.js';

/** One event for {@link postEvents}: its type and detail. */
export interface EventInput<TDetail = unknown> {
  readonly type: string;
  readonly detail: TDetail;
}

// `{"events":[` and `]}`.
const BATCH_OVERHEAD_BYTES = Buffer.byteLength('{"events":[]}');

/**
 * Splits events, in order, into the batches SendEvent takes: at most {@link EVENT_BATCH_LIMIT}
 * each, and each batch's payload within `limitBytes` (1 MB, the async invoke limit). `envelopeJson`
 * gives an item's envelope as sent (default: the item is the envelope). An envelope over the limit
 * on its own is refused with {@link EventTooLargeError}, before any batch is returned.
 * @example
 * eventBatches(envelopes); // [[e1, …, e10], [e11, e12]]
 * eventBatches(staged, (event) => JSON.stringify(event.envelope));
 */
export function eventBatches<TItem extends { readonly type: string }>(
  items: readonly TItem[],
  envelopeJson: (item: TItem) => string = (item) => JSON.stringify(item),
  limitBytes: number = LAMBDA_ASYNC_LIMIT_BYTES,
): TItem[][] {
  const batches: TItem[][] = [];
  let current: TItem[] = [];
  let currentBytes = BATCH_OVERHEAD_BYTES;
  for (const item of items) {
    const bytes = Buffer.byteLength(envelopeJson(item));
    if (bytes > limitBytes) throw new EventTooLargeError(item.type, bytes);
    // A comma goes before every envelope but a batch's first.
    if (
      current.length > 0 &&
      (current.length === EVENT_BATCH_LIMIT || currentBytes + 1 + bytes > limitBytes)
    ) {
      batches.push(current);
      current = [];
      currentBytes = BATCH_OVERHEAD_BYTES;
    }
    currentBytes += (current.length > 0 ? 1 : 0) + bytes;
    current.push(item);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The payload of one batch: a lone envelope is sent as it is, more as `{ events: [...] }`.
 * @example
 * await invokeAsync(target, batchPayload(batch));
 */
export function batchPayload(envelopes: readonly unknown[]): unknown {
  return envelopes.length === 1 ? envelopes[0] : { events: envelopes };
}

/**
 * Posts an event to the event bus: an async invoke of the function in `SEND_EVENT_ARN`. An
 * envelope over 1 MB is refused here with {@link EventTooLargeError}.
 * @example
 * await postEvent('itemCreated', { itemId: item.id });
 */
export async function postEvent<TDetail>(type: string, detail: TDetail): Promise<EventEnvelope<TDetail>> {
  const [event] = await postEvents([{ type, detail }]);
  return event as EventEnvelope<TDetail>;
}

/**
 * Posts several events to the event bus in as few asynchronous invokes of SendEvent as its batch
 * limits allow (ten events, 1 MB a batch), one batch after the other. The bus logs a batch — and
 * gives its events ids — in the order given; separate batches are separate asynchronous
 * invocations, which Lambda may run side by side, so their events may interleave. Each event gets
 * its own envelope (`createEvent`), with the current correlation and causation ids. Every envelope is checked before anything is sent: one
 * over 1 MB throws {@link EventTooLargeError} and none is posted. Should a later batch fail, the
 * earlier ones are posted; the error says so (`InvokeError`), and posting them all again is safe
 * only through an outbox (see `eventOutbox`), whose envelopes keep their ids.
 * @example
 * await postEvents([
 *   { type: 'vehicleMoving', detail: { vehicleId: 'v-1' } },
 *   { type: 'vehicleStopped', detail: { vehicleId: 'v-2' } },
 * ]);
 */
export async function postEvents(events: readonly EventInput[]): Promise<EventEnvelope[]> {
  if (events.length === 0) return [];
  const target = process.env[SEND_EVENT_ARN_ENV];
  if (!target) {
    throw new ConfigurationError(
      `${SEND_EVENT_ARN_ENV} is not set: import the event bus's SendEventArn in the template`,
    );
  }
  const envelopes = events.map((event) => createEvent(event.type, event.detail));
  for (const batch of eventBatches(envelopes)) {
    await invokeAsync(target, batchPayload(batch));
  }
  return envelopes;
}
