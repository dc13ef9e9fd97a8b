import { randomUUID } from 'node:crypto';
import { ConfigurationError } from '../errors/lambda-library-error.js';
import { invokeAsync } from '../invoke/invoke.js';
import { causationId, correlationId } from '../observability/correlation.js';
import type { EventEnvelope } from '../types/event-envelope.js';

/** The environment variable with the event bus's SendEvent ARN (imported in the template). */
export const SEND_EVENT_ARN_ENV = 'SEND_EVENT_ARN';

/**
 * A new event envelope: a fresh id, the time now, the posting service as `source`
 * (`POWERTOOLS_SERVICE_NAME`, else the function name), and the current correlation and causation
 * ids, so the chain of one user action can be followed across services.
 * @example
 * const event = createEvent('allocationAccepted', { allocationId });
 */
export function createEvent<TDetail>(
  type: string,
  detail: TDetail,
  source = process.env.POWERTOOLS_SERVICE_NAME ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown',
): EventEnvelope<TDetail> {
  const id = randomUUID();
  const cause = causationId();
  return {
    id,
    type,
    source,
    time: new Date().toISOString(),
    detail,
    correlationId: correlationId() ?? id,
    ...(cause === undefined ? {} : { causationId: cause }),
  };
}

/**
 * Posts an event to the event bus: an async invoke of the function in `SEND_EVENT_ARN`.
 * @example
 * await postEvent('itemCreated', { itemId: item.id });
 */
export async function postEvent<TDetail>(type: string, detail: TDetail): Promise<EventEnvelope<TDetail>> {
  const target = process.env[SEND_EVENT_ARN_ENV];
  if (!target) {
    throw new ConfigurationError(
      `${SEND_EVENT_ARN_ENV} is not set: import the event bus's SendEventArn in the template`,
    );
  }
  const event = createEvent(type, detail);
  await invokeAsync(target, event);
  return event;
}
