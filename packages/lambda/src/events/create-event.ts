import { randomUUID } from 'node:crypto';
import { LambdaLibraryError } from '../errors/lambda-library-error.js';
import { causationId, correlationId } from '../observability/correlation.js';
import { LAMBDA_ASYNC_LIMIT_BYTES } from '../offload/payload-limits.js';
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
 * An event whose envelope is over the bus's 1 MB limit (Lambda's asynchronous invocation limit).
 * Thrown before anything is sent: an event is never truncated, and never offloaded, because every
 * listener would have to fetch it back.
 * @example
 * if (error instanceof EventTooLargeError) logger.warn(error.message); // store the data in S3, send its key
 */
export class EventTooLargeError extends LambdaLibraryError {
  constructor(
    readonly eventType: string,
    readonly bytes: number,
  ) {
    super(
      'EVENT_TOO_LARGE',
      `Event ${eventType} would be ${bytes} bytes; the event bus takes at most ${LAMBDA_ASYNC_LIMIT_BYTES} (1 MB). Store large data elsewhere (S3) and send its key`,
    );
    this.name = 'EventTooLargeError';
  }
}
